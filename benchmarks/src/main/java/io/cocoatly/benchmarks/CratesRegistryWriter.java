package io.cocoatly.benchmarks;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionRange;
import io.cocoatly.registry.RegistryEditor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the crates.io packages reachable from roots as a Cocoatly registry directory, so that the
 * same data can be resolved from a directory, from {@code cocoatly registry serve} and from any
 * static server, and the three compared (docs/performance-registry.md).
 *
 * <p>Cargo's requirement syntax differs from node-semver's ({@code 1.2} is {@code ^1.2} in Cargo),
 * so each dependency is written as its parsed range in canonical form, which node-semver reads back
 * as the same set of versions; a range that would not read back the same is reported and the run
 * fails, rather than benchmarking different data.
 */
public final class CratesRegistryWriter {

    private CratesRegistryWriter() {
    }

    /**
     * {@code CratesRegistryWriter [--excerpt] OUT_DIR [ROOTS|all]}: writes the registry of everything
     * reachable from the first ROOTS (default all) top crates into OUT_DIR, which must not exist yet;
     * {@code all} writes every crate. From the snapshot beside the clone, or with {@code --excerpt} from
     * the excerpt committed in {@code testdata/crates-excerpt} (its 48 roots), which every clone has.
     */
    public static void main(String[] args) {
        boolean excerpt = args.length > 0 && args[0].equals("--excerpt");
        List<String> rest = List.of(args).subList(excerpt ? 1 : 0, args.length);
        if (rest.isEmpty()) {
            System.err.println("usage: CratesRegistryWriter [--excerpt] OUT_DIR [ROOTS|all]");
            System.exit(2);
        }
        Path out = Path.of(rest.get(0));
        CratesIndex index = excerpt ? CratesIndex.openExcerpt() : CratesIndex.open();
        if (rest.size() > 1 && rest.get(1).equals("all")) {
            List<PackageListing> all = new ArrayList<>();
            index.parseAll(all::add);
            int releases = write(out, all);
            System.out.printf("wrote all %d packages, %d releases to %s%n", all.size(), releases, out);
            return;
        }
        List<PackageId> roots = excerpt ? CratesRoots.load(DataFiles.excerptRootsFile()) : CratesRoots.load();
        if (rest.size() > 1) {
            roots = roots.subList(0, Math.min(roots.size(), Integer.parseInt(rest.get(1))));
        }
        Map<PackageName, PackageListing> closure = closure(index, roots);
        int releases = write(out, closure.values());
        System.out.printf("wrote %d packages, %d releases reachable from %d roots to %s%n",
                closure.size(), releases, roots.size(), out);
    }

    /** Every listing reachable from {@code roots} through any release's dependencies, by name. */
    static Map<PackageName, PackageListing> closure(CratesIndex index, List<PackageId> roots) {
        Map<PackageName, PackageListing> found = new TreeMap<>();
        Deque<PackageName> queue = new ArrayDeque<>();
        roots.forEach(root -> queue.add(root.name()));
        while (!queue.isEmpty()) {
            PackageName name = queue.poll();
            if (found.containsKey(name)) {
                continue;
            }
            Optional<PackageListing> listing = index.find(name);
            if (listing.isEmpty()) {
                continue;
            }
            found.put(name, listing.get());
            for (Release release : listing.get().releases()) {
                release.dependencies().forEach(d -> queue.add(d.name()));
            }
        }
        return found;
    }

    /** Writes a new registry at {@code out} with these listings; returns the number of releases. */
    static int write(Path out, Iterable<PackageListing> listings) {
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + " exists; give a new directory");
        }
        RegistryEditor.init(out, "crates-2019-11-10");
        int count = 0;
        List<PackageListing> portable = new ArrayList<>();
        for (PackageListing listing : listings) {
            portable.add(new PackageListing(listing.name(), listing.releases().stream().map(CratesRegistryWriter::portable).toList()));
            count += listing.releases().size();
        }
        try (RegistryEditor editor = RegistryEditor.open(out)) {
            editor.addPackages(portable);
        }
        return count;
    }

    /** The release with each requirement written as its canonical range, checked to read back the same. */
    static Release portable(Release release) {
        List<Dependency> dependencies = new ArrayList<>();
        for (Dependency dependency : release.dependencies()) {
            String text = dependency.range().toString();
            if (!VersionRange.parse(text).equals(dependency.range())) {
                throw new IllegalStateException(release.id() + ": the range of `" + dependency.requirement()
                        + "` does not read back from `" + text + "`");
            }
            dependencies.add(new Dependency(dependency.name(), text, dependency.range()));
        }
        return new Release(release.id(), dependencies, release.yanked(), release.artifact());
    }
}
