package io.cocoatly.installer;

import io.cocoatly.model.PackageId;
import java.util.List;
import java.util.Objects;

/**
 * The result of re-checking installed files against the file lists recorded at install time.
 *
 * @param packages one entry per checked package, sorted by id
 */
public record VerifyReport(List<PackageCheck> packages) {

    public VerifyReport {
        packages = packages.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** Whether every checked package is exactly as installed. */
    public boolean ok() {
        return packages.stream().allMatch(PackageCheck::ok);
    }

    /**
     * One package's differences; paths are relative to its install path and sorted.
     *
     * @param changed recorded paths whose content, kind, size or link target differ
     * @param missing recorded paths that are gone
     * @param extra   paths in the package directory that were not installed
     */
    public record PackageCheck(PackageId id, List<String> changed, List<String> missing, List<String> extra) {
        public PackageCheck {
            Objects.requireNonNull(id, "id");
            changed = changed.stream().sorted().toList();
            missing = missing.stream().sorted().toList();
            extra = extra.stream().sorted().toList();
        }

        public boolean ok() {
            return changed.isEmpty() && missing.isEmpty() && extra.isEmpty();
        }
    }
}
