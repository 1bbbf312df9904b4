package io.cocoatly.benchmarks;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import io.cocoatly.testkit.InMemoryIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a synthetic registry shaped like a real one, the same for the same seed.
 *
 * <p>Packages are numbered; package {@code i} depends only on earlier ones (plus a few cross links
 * that may form cycles), picked with Zipf weights {@code 1/(j+1)} so that fan-in follows a power
 * law: a handful of packages are needed by almost everything. Each package keeps a base set of
 * dependencies across its versions, and a newer version asks for a newer version of each dependency,
 * mostly with caret ranges. A small share of dependencies name a package that does not exist or a
 * range no release satisfies, and a few releases are yanked, so a registry-wide check has something
 * to find.
 */
public final class RegistryGenerator {

    /**
     * The registry's shape.
     *
     * @param packages         how many packages
     * @param meanVersions     mean releases per package (geometric distribution, at least one)
     * @param meanDependencies mean size of a package's base dependency set
     * @param missingRate      share of dependencies on a package that does not exist
     * @param impossibleRate   share of dependencies whose range no release satisfies
     * @param yankedRate       share of releases that are yanked
     */
    public record Shape(int packages, double meanVersions, double meanDependencies, double missingRate,
                        double impossibleRate, double yankedRate) {

        /** About 650 packages and 4,000 versions: the size dose-distcheck figures are quoted for, and then some. */
        public static Shape realistic() {
            return new Shape(650, 6.0, 3.0, 0.004, 0.004, 0.02);
        }

        /** About 120 packages and 700 versions: the registry size dose-distcheck's 0.04–0.18 s is quoted for. */
        public static Shape small() {
            return new Shape(120, 6.0, 3.0, 0.004, 0.004, 0.02);
        }
    }

    private final SplittableRandom random;
    private final Shape shape;
    private final double[] cumulativeWeight;
    private final List<List<Version>> versions = new ArrayList<>();

    private RegistryGenerator(long seed, Shape shape) {
        this.random = new SplittableRandom(seed);
        this.shape = shape;
        this.cumulativeWeight = new double[shape.packages()];
        double sum = 0;
        for (int j = 0; j < shape.packages(); j++) {
            sum += 1.0 / (j + 1);
            cumulativeWeight[j] = sum;
        }
    }

    /** The registry for {@code seed} with the given shape. */
    public static InMemoryIndex generate(long seed, Shape shape) {
        return new RegistryGenerator(seed, shape).build("generated-" + seed);
    }

    /** The name of package number {@code i}. */
    public static PackageName packageName(int i) {
        return PackageName.of(String.format(java.util.Locale.ROOT, "pkg-%04d", i));
    }

    private InMemoryIndex build(String name) {
        for (int i = 0; i < shape.packages(); i++) {
            versions.add(versionSequence());
        }
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < shape.packages(); i++) {
            releases.addAll(releases(i));
        }
        return new InMemoryIndex(name, releases);
    }

    private List<Version> versionSequence() {
        int count = 1;
        while (count < 40 && random.nextDouble() > 1.0 / shape.meanVersions()) {
            count++;
        }
        List<Version> sequence = new ArrayList<>(count);
        Version v = random.nextDouble() < 0.7 ? Version.of(0, 1, 0) : Version.of(1, 0, 0);
        for (int k = 0; k < count; k++) {
            sequence.add(v);
            double step = random.nextDouble();
            if (step < 0.70) {
                v = Version.of(v.major(), v.minor(), v.patch() + 1);
            } else if (step < 0.92) {
                v = Version.of(v.major(), v.minor() + 1, 0);
            } else {
                v = Version.of(v.major() + 1, 0, 0);
            }
        }
        return sequence;
    }

    private List<Release> releases(int i) {
        PackageName name = packageName(i);
        int[] base = baseDependencies(i);
        List<Version> own = versions.get(i);
        List<Release> releases = new ArrayList<>(own.size());
        for (int k = 0; k < own.size(); k++) {
            double age = own.size() == 1 ? 1.0 : (double) k / (own.size() - 1);
            List<Dependency> dependencies = new ArrayList<>();
            Set<PackageName> named = new LinkedHashSet<>();
            for (int target : base) {
                // Dependencies come and go a little between versions.
                if (random.nextDouble() < 0.9) {
                    Dependency d = dependency(target, age);
                    if (named.add(d.name())) {
                        dependencies.add(d);
                    }
                }
            }
            boolean yanked = random.nextDouble() < shape.yankedRate();
            releases.add(new Release(new PackageId(name, own.get(k)), dependencies, yanked, Optional.empty()));
        }
        return releases;
    }

    private int[] baseDependencies(int i) {
        if (i == 0) {
            return new int[0];
        }
        int count = 0;
        while (count < 3 * shape.meanDependencies() && random.nextDouble() > 1.0 / (shape.meanDependencies() + 1)) {
            count++;
        }
        int[] targets = new int[count];
        for (int d = 0; d < count; d++) {
            // A few cross links to any package; they can close cycles, as real registries have.
            int bound = random.nextDouble() < 0.02 ? shape.packages() : i;
            targets[d] = zipf(bound);
        }
        return Arrays.stream(targets).filter(t -> t != i).distinct().sorted().toArray();
    }

    /** A package number below {@code bound}, weight {@code 1/(j+1)}. */
    private int zipf(int bound) {
        double u = random.nextDouble() * cumulativeWeight[bound - 1];
        int found = Arrays.binarySearch(cumulativeWeight, 0, bound, u);
        return found >= 0 ? found : Math.min(bound - 1, -found - 1);
    }

    private Dependency dependency(int target, double age) {
        double fault = random.nextDouble();
        if (fault < shape.missingRate()) {
            return dependency(PackageName.of("missing-" + target), "^1.0.0");
        }
        List<Version> available = versions.get(target);
        if (fault < shape.missingRate() + shape.impossibleRate()) {
            Version last = available.get(available.size() - 1);
            return dependency(packageName(target), "^" + (last.major() + 1) + ".0.0");
        }
        // A newer release asks for a newer dependency, with some spread.
        double when = Math.max(0, Math.min(1, age - 0.3 * random.nextDouble()));
        Version v = available.get((int) Math.round(when * (available.size() - 1)));
        double kind = random.nextDouble();
        String requirement;
        if (kind < 0.80) {
            requirement = "^" + v;
        } else if (kind < 0.88) {
            requirement = "~" + v;
        } else if (kind < 0.95) {
            requirement = ">=" + v + " <" + (v.major() + 1) + ".0.0";
        } else if (kind < 0.97) {
            requirement = "*";
        } else {
            requirement = "=" + v;
        }
        return dependency(packageName(target), requirement);
    }

    private static Dependency dependency(PackageName name, String requirement) {
        return new Dependency(name, requirement, VersionRange.parse(requirement));
    }
}
