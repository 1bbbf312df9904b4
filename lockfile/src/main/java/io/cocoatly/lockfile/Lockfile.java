package io.cocoatly.lockfile;

import io.cocoatly.model.PackageId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole {@code cocoatly-lock.json}: the project it was made for, how it was resolved, the selected
 * packages and the order to install them in.
 *
 * <p>Every {@code Lockfile} is consistent: each package at most once (and at most one version per
 * package, or per compatibility class, as the policy says), every dependency names a package of the
 * lockfile, and {@code installOrder} lists each package exactly once, dependencies in an earlier
 * group or the same group, where a group of several is exactly a dependency cycle (a strongly
 * connected component). Packages are kept sorted by name then version and each group
 * sorted, so equal lockfiles are equal objects and write the same bytes.
 *
 * @param installOrder the strongly connected components of the dependency graph in installation
 *                     order (dependencies first); a group of several is a cycle, installed together
 */
public record Lockfile(ManifestInfo manifest, ResolverInfo resolver, List<LockedPackage> packages,
        List<List<PackageId>> installOrder) {

    /** The format version this code reads and writes: the {@code lockfile} key. */
    public static final int FORMAT = 1;

    /** The conventional file name, next to the project's {@code cocoatly.json}. */
    public static final String FILE_NAME = "cocoatly-lock.json";

    /** @throws IllegalArgumentException naming the JSON path of the first inconsistency */
    public Lockfile {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(resolver, "resolver");
        Consistency.check(packages, installOrder, resolver.multipleVersions(), Consistency::sortedDependencyPath)
                .ifPresent(p -> {
                    throw new IllegalArgumentException(p.path() + ": " + p.message());
                });
        packages = packages.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        installOrder = installOrder.stream().map(g -> g.stream().sorted().toList()).toList();
    }

    /** The package locked as {@code id}, if any. */
    public Optional<LockedPackage> find(PackageId id) {
        return packages.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The groups of several packages: the dependency cycles, each installed together. */
    public List<List<PackageId>> cycles() {
        return installOrder.stream().filter(g -> g.size() > 1).toList();
    }

    /** The ids of all packages, sorted. */
    public List<PackageId> ids() {
        return packages.stream().map(LockedPackage::id).toList();
    }
}
