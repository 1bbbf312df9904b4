package io.cocoatly.benchmarks;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.testkit.InMemoryIndex;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes a registry as a CUDF document that dose-distcheck checks with the same semantics as
 * {@code cocoatly check} under a {@link VersionPolicy}, so that the two tools answer one question on
 * one input and their lists of uninstallable versions can be compared (benchmarks/compare.sh).
 *
 * <p>The translation, per package {@code p} (CUDF versions must be positive integers, so each version
 * becomes its rank among all versions of {@code p}, 1 for the lowest):
 *
 * <ul>
 *   <li>A non-yanked version of compatibility class {@code c} is the CUDF package {@code p%c} (just
 *       {@code p} under one version per package) with its rank as version and {@code conflicts: p%c}:
 *       CUDF ignores self-conflicts, so this is "at most one version per class".</li>
 *   <li>A dependency on {@code q} becomes the disjunction of the non-yanked versions of {@code q} its
 *       range contains, grouped by class: {@code q%c} alone when it holds every version of the class,
 *       {@code q%c >= r} or {@code q%c <= r} for a run at either end, else each rank with {@code =}.
 *       That is exact for any union of intervals. A dependency nothing satisfies (no such package, no
 *       match) becomes {@code q%none}, a package that never exists; a dependency of {@code p} on
 *       {@code p} holds iff its range contains the version itself, as in the solver.</li>
 *   <li>A yanked version is checked but never satisfies a dependency: it is the package
 *       {@code p%c%yanked}, which no dependency names, conflicting with {@code p%c}.</li>
 *   <li>{@code cocoatly check} resolves a project depending on exactly {@code p@v}, and that root
 *       requirement binds every version of {@code p}: no second version of {@code p} in another class.
 *       Under semver-major, for a package of several classes, each version therefore also gets a root
 *       copy {@code p%c%root} that depends on {@code p%c = rank} and conflicts with every other class
 *       of {@code p}; its verdict is the version's (a yanked version's own package conflicts with
 *       every class instead). The regular copies are then checked by dose too, and ignored.</li>
 * </ul>
 *
 * <p>One known difference remains, on purpose: a yanked root that a dependency cycle leads back to is
 * accepted by the solver (the root may satisfy its own cycle) but not here. The comparison reports
 * any disagreement; none was seen on the data in docs/performance.md.
 *
 * <p>Next to the CUDF file a map is written, one line per checked version: the CUDF name, its
 * version, and {@code name@version} as {@code cocoatly check} prints it.
 */
public final class DoseExport {

    private final VersionPolicy policy;
    private final Map<PackageName, PackageListing> listings = new LinkedHashMap<>();

    DoseExport(PackageIndex index, Collection<PackageName> names, VersionPolicy policy) {
        this.policy = policy;
        for (PackageName name : names) {
            index.find(name).ifPresent(listing -> listings.put(name, listing));
        }
    }

    /**
     * {@code DoseExport generate SEED OUT_DIR}: writes the small generated registry of that seed
     * ({@link RegistryGenerator.Shape#small()}) as a registry directory.
     * {@code DoseExport cudf REGISTRY_DIR one-per-package|semver-major OUT.cudf OUT.map}: writes the
     * registry as CUDF for dose-distcheck, and the map of checked versions.
     */
    public static void main(String[] args) {
        if (args.length == 3 && args[0].equals("generate")) {
            InMemoryIndex generated = RegistryGenerator.generate(Long.parseLong(args[1]), RegistryGenerator.Shape.small());
            List<PackageListing> all = new ArrayList<>();
            generated.packages().forEach(name -> generated.find(name).ifPresent(all::add));
            int releases = CratesRegistryWriter.write(Path.of(args[2]), all);
            System.out.printf("wrote %d packages, %d releases to %s%n", all.size(), releases, args[2]);
        } else if (args.length == 5 && args[0].equals("cudf")) {
            FileRegistry registry = FileRegistry.open(Path.of(args[1]));
            VersionPolicy policy = VersionPolicy.valueOf(args[2].toUpperCase(Locale.ROOT).replace('-', '_'));
            int[] counts = new DoseExport(registry, registry.packageNames(), policy).write(Path.of(args[3]), Path.of(args[4]));
            System.out.printf("wrote %d CUDF packages for %d checked versions to %s%n", counts[0], counts[1], args[3]);
        } else {
            System.err.println("usage: DoseExport generate SEED OUT_DIR\n"
                    + "       DoseExport cudf REGISTRY_DIR one-per-package|semver-major OUT.cudf OUT.map");
            System.exit(2);
        }
    }

    /** Writes the CUDF document and the map; returns the CUDF packages and the checked versions written. */
    int[] write(Path cudf, Path map) {
        int packages = 0;
        int checked = 0;
        try (Writer out = Files.newBufferedWriter(cudf, StandardCharsets.UTF_8);
             BufferedWriter mapOut = Files.newBufferedWriter(map, StandardCharsets.UTF_8)) {
            out.write("preamble: \nproperty: \n\n");
            for (PackageListing listing : listings.values()) {
                List<String> classes = classes(listing);
                List<Release> releases = listing.releases();
                for (int i = 0; i < releases.size(); i++) {
                    Release release = releases.get(i);
                    int rank = i + 1;
                    String own = cudfName(listing.name(), release.version());
                    String depends = depends(release);
                    boolean rootCopy = classes.size() > 1;
                    if (release.yanked()) {
                        String name = own + "%yanked";
                        stanza(out, name, rank, depends, rootCopy ? String.join(", ", classes) : own);
                        mapOut.write(name + "\t" + rank + "\t" + release.id() + "\n");
                        packages++;
                    } else {
                        stanza(out, own, rank, depends, own);
                        packages++;
                        if (rootCopy) {
                            String name = own + "%root";
                            StringJoiner others = new StringJoiner(", ");
                            classes.stream().filter(c -> !c.equals(own)).forEach(others::add);
                            stanza(out, name, rank, own + " = " + rank, others.toString());
                            mapOut.write(name + "\t" + rank + "\t" + release.id() + "\n");
                            packages++;
                        } else {
                            mapOut.write(own + "\t" + rank + "\t" + release.id() + "\n");
                        }
                    }
                    checked++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new int[] {packages, checked};
    }

    private static void stanza(Writer out, String name, int version, String depends, String conflicts)
            throws IOException {
        out.write("package: " + name + "\nversion: " + version + "\n");
        if (!depends.isEmpty()) {
            out.write("depends: " + depends + "\n");
        }
        out.write("conflicts: " + conflicts + "\n\n");
    }

    /** The CUDF names of the classes of {@code listing}, in version order. */
    private List<String> classes(PackageListing listing) {
        List<String> classes = new ArrayList<>();
        for (Release r : listing.releases()) {
            String name = cudfName(listing.name(), r.version());
            if (!classes.contains(name)) {
                classes.add(name);
            }
        }
        return classes;
    }

    private String cudfName(PackageName name, Version version) {
        return policy == VersionPolicy.SEMVER_MAJOR ? name.value() + "%" + version.compatibilityClass() : name.value();
    }

    /** The CUDF {@code depends:} value of {@code release}: one conjunct per dependency. */
    private String depends(Release release) {
        StringJoiner all = new StringJoiner(", ");
        for (Dependency d : release.dependencies()) {
            if (d.name().equals(release.name())) {
                if (!d.range().contains(release.version())) {
                    all.add(d.name().value() + "%none");
                }
                continue;
            }
            String alternatives = alternatives(d);
            all.add(alternatives.isEmpty() ? d.name().value() + "%none" : alternatives);
        }
        return all.toString();
    }

    /** The non-yanked versions {@code d} allows, as CUDF alternatives; empty when there are none. */
    private String alternatives(Dependency d) {
        PackageListing target = listings.get(d.name());
        if (target == null) {
            return "";
        }
        // Per class: the ranks of its non-yanked versions, and which of them the range contains.
        Map<String, List<int[]>> byClass = new LinkedHashMap<>();
        List<Release> releases = target.releases();
        for (int i = 0; i < releases.size(); i++) {
            Release r = releases.get(i);
            if (!r.yanked()) {
                byClass.computeIfAbsent(cudfName(d.name(), r.version()), k -> new ArrayList<>())
                        .add(new int[] {i + 1, d.range().contains(r.version()) ? 1 : 0});
            }
        }
        StringJoiner or = new StringJoiner(" | ");
        byClass.forEach((name, ranks) -> {
            int first = -1;
            int last = -1;
            int count = 0;
            for (int k = 0; k < ranks.size(); k++) {
                if (ranks.get(k)[1] == 1) {
                    first = first < 0 ? k : first;
                    last = k;
                    count++;
                }
            }
            if (count == 0) {
                return;
            }
            boolean run = last - first + 1 == count;
            if (run && first == 0 && last == ranks.size() - 1) {
                or.add(name);
            } else if (run && last == ranks.size() - 1) {
                or.add(name + " >= " + ranks.get(first)[0]);
            } else if (run && first == 0) {
                or.add(name + " <= " + ranks.get(last)[0]);
            } else {
                for (int[] rank : ranks) {
                    if (rank[1] == 1) {
                        or.add(name + " = " + rank[0]);
                    }
                }
            }
        });
        return or.toString();
    }
}
