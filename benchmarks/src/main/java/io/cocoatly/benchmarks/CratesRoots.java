package io.cocoatly.benchmarks;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.ResolveRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmark roots: the most depended-on crates at their last non-yanked version, as requests. */
public final class CratesRoots {

    /** The project every root request resolves on behalf of. */
    public static final PackageId ROOT = PackageId.of("bench-root", "0.0.0");

    private CratesRoots() {
    }

    /** The roots in {@link DataFiles#rootsFile()}, most depended-on first. */
    public static List<PackageId> load() {
        return load(DataFiles.rootsFile());
    }

    /**
     * Reads {@code crate<TAB>version<TAB>dependents} lines after a header line.
     *
     * @throws CocoatlyException with code {@code invalid-crates-roots} if the file cannot be read
     */
    public static List<PackageId> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-crates-roots", "cannot read roots file `" + file + "`: "
                    + e.getMessage(), List.of("check the crates.io snapshot directory"), e);
        }
        List<PackageId> roots = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.split("\t");
            if (fields.length < 2) {
                continue;
            }
            roots.add(new PackageId(PackageName.of(CratesIndex.normalise(fields[0])), Version.parse(fields[1])));
        }
        return List.copyOf(roots);
    }

    /** {@code bench-root 0.0.0} depending on exactly {@code crate}, under Cargo's one-per-class rule. */
    public static ResolveRequest request(PackageId crate) {
        String requirement = "=" + crate.version();
        Manifest manifest = new Manifest(ROOT.name(), ROOT.version(),
                List.of(new Dependency(crate.name(), requirement, CargoRequirement.parse(requirement))));
        return ResolveRequest.of(manifest).withPolicy(VersionPolicy.SEMVER_MAJOR);
    }
}
