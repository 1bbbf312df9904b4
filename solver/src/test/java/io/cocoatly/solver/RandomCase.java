package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A random small registry and request, built from a seed: up to {@code maxPackages} packages of up to
 * four versions, random dependencies and ranges (some on a missing package, on the root, on the
 * package itself), yanked versions, and sometimes preferred versions (which may pin a yanked one).
 */
public record RandomCase(Map<PackageName, List<Release>> registry, ResolveRequest request) {

    private static final String[] VERSIONS = {"0.1.0", "0.1.1", "0.2.0", "1.0.0", "1.1.0", "1.2.0-rc.1", "2.0.0"};
    private static final String[] RANGES = {"*", "*", "^0.1", "^0.2", "^1", "^2", ">=1.0.0", "<1.0.0", "1.1.0",
        "~1.0", "^1.1", "^0.1 || ^2", ">=0.2.0 <2.0.0", "1.2.0-rc.1 || ^1", ">=0.1.1", "<2.0.0", "^1 || ^2"};

    /** The case of {@code seed}: the same seed gives the same case on every run. */
    public static RandomCase generate(long seed, int maxPackages, VersionPolicy policy) {
        Random random = new Random(seed);
        int count = 1 + random.nextInt(maxPackages);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(String.valueOf((char) ('a' + i)));
        }
        List<String> targets = new ArrayList<>(names);
        if (random.nextInt(3) == 0) {
            targets.add("missing");
            targets.add("app");
        }
        Map<PackageName, List<Release>> registry = new TreeMap<>();
        for (String name : names) {
            List<String> pool = new ArrayList<>(List.of(VERSIONS));
            Collections.shuffle(pool, random);
            int versions = 1 + random.nextInt(4);
            List<Release> releases = new ArrayList<>();
            for (int v = 0; v < versions; v++) {
                releases.add(new Release(PackageId.of(name, pool.get(v)), dependencies(random, targets, 3),
                        random.nextInt(10) == 0, Optional.empty()));
            }
            registry.put(PackageName.of(name), releases);
        }
        Manifest root = new Manifest(PackageName.of("app"), Version.parse("1.0.0"),
                dedupe(dependencies(random, names, 3)));
        // A lockfile's versions: one per package, or under semver-major one per compatibility class
        // (so sometimes two of one package).
        Map<String, PackageId> preferred = new TreeMap<>();
        if (random.nextInt(3) == 0) {
            for (int i = 0; i < 3; i++) {
                List<Release> rs = registry.get(PackageName.of(names.get(random.nextInt(names.size()))));
                Release r = rs.get(random.nextInt(rs.size()));
                String slot = policy == VersionPolicy.SEMVER_MAJOR
                        ? r.name() + "/" + r.version().compatibilityClass() : r.name().value();
                preferred.put(slot, r.id());
            }
        }
        ResolveRequest request = new ResolveRequest(root, Set.copyOf(preferred.values()), policy, random.nextInt(4) == 0,
                Optional.empty());
        return new RandomCase(registry, request);
    }

    private static List<Dependency> dependencies(Random random, List<String> targets, int max) {
        List<Dependency> deps = new ArrayList<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            deps.add(Dependency.parse(targets.get(random.nextInt(targets.size())),
                    RANGES[random.nextInt(RANGES.length)]));
        }
        return dedupe(deps);
    }

    /** At most one dependency per name, as the model requires. */
    private static List<Dependency> dedupe(List<Dependency> deps) {
        Map<PackageName, Dependency> byName = new LinkedHashMap<>();
        deps.forEach(d -> byName.putIfAbsent(d.name(), d));
        return new ArrayList<>(byName.values());
    }

    /** The registry as an index. */
    public PackageIndex index() {
        return new TestIndex(registry);
    }

    /** The same case with every package name mapped by {@code rename}. */
    RandomCase renamed(UnaryOperator<String> rename) {
        Map<PackageName, List<Release>> map = new TreeMap<>();
        registry.forEach((name, releases) -> map.put(PackageName.of(rename.apply(name.value())),
                releases.stream().map(r -> rename(r, rename)).toList()));
        Manifest root = request.root();
        Manifest newRoot = new Manifest(PackageName.of(rename.apply(root.name().value())), root.version(),
                root.dependencies().stream().map(d -> rename(d, rename)).toList());
        Set<PackageId> preferred = new TreeSet<>();
        request.preferred().forEach(id -> preferred.add(new PackageId(PackageName.of(rename.apply(id.name().value())),
                id.version())));
        return new RandomCase(map, new ResolveRequest(newRoot, preferred, request.policy(),
                request.allowPrereleases(), request.timeout()));
    }

    /** The same case with packages listed in reverse and versions shuffled. */
    RandomCase reordered(long seed) {
        Map<PackageName, List<Release>> map = new LinkedHashMap<>();
        List<PackageName> names = new ArrayList<>(registry.keySet());
        Collections.reverse(names);
        Random random = new Random(seed);
        for (PackageName n : names) {
            List<Release> rs = new ArrayList<>(registry.get(n));
            Collections.shuffle(rs, random);
            map.put(n, rs);
        }
        return new RandomCase(map, request);
    }

    private static Release rename(Release r, UnaryOperator<String> rename) {
        return new Release(new PackageId(PackageName.of(rename.apply(r.name().value())), r.version()),
                r.dependencies().stream().map(d -> rename(d, rename)).toList(), r.yanked(), r.artifact());
    }

    private static Dependency rename(Dependency d, UnaryOperator<String> rename) {
        return new Dependency(PackageName.of(rename.apply(d.name().value())), d.requirement(), d.range());
    }
}
