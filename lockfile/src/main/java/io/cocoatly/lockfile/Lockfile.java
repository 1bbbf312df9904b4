package io.cocoatly.lockfile;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole {@code cocoatly-lock.json}: the project it was made for, how it was resolved, where the
 * packages come from, the selected packages and the order to install them in.
 *
 * <p>Every {@code Lockfile} is consistent: each package at most once (and at most one version per
 * package, or per compatibility class, as the policy says), every dependency names a package of the
 * lockfile, and {@code installOrder} lists each package exactly once, dependencies in an earlier
 * group or the same group, where a group of several is exactly a dependency cycle (a strongly
 * connected component). Sources, packages and each group are kept sorted, so equal lockfiles are
 * equal objects and write the same bytes.
 *
 * <p>Two formats exist. Format {@value #FORMAT}, the one {@code cocoatly lock} writes, lists its
 * {@code sources}; each package names one of them and its artifact URL is absolute, so the lockfile
 * alone says what to fetch from where. Format 1 has no sources: a package's {@code source} is free
 * text and artifact URLs may be relative to a registry the installer must be given. Format 1 is
 * still read (and written back as it is), and {@code lock} rewrites it as format {@value #FORMAT}.
 *
 * @param format       {@code 1} or {@value #FORMAT}
 * @param sources      empty in format 1; in format 2 the registries, names unique
 * @param installOrder the strongly connected components of the dependency graph in installation
 *                     order (dependencies first); a group of several is a cycle, installed together
 */
public record Lockfile(int format, ManifestInfo manifest, ResolverInfo resolver, List<LockedSource> sources,
        List<LockedPackage> packages, List<List<PackageId>> installOrder) {

    /** The format version {@code cocoatly lock} writes: the {@code lockfile} key. */
    public static final int FORMAT = 2;

    /** The oldest format version still read: no {@code sources}, artifact URLs relative to the registry. */
    public static final int FIRST_FORMAT = 1;

    /** The conventional file name, next to the project's {@code cocoatly.json}. */
    public static final String FILE_NAME = "cocoatly-lock.json";

    /**
     * @throws IllegalArgumentException for an unknown format, sources in format 1, or naming the JSON
     *     path of the first inconsistency
     */
    public Lockfile {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(resolver, "resolver");
        if (format < FIRST_FORMAT || format > FORMAT) {
            throw new IllegalArgumentException("unknown lockfile format: " + format);
        }
        Optional<Consistency.Problem> problem = Consistency.checkSources(format, sources, packages);
        if (problem.isEmpty()) {
            problem = Consistency.check(packages, installOrder, resolver.multipleVersions(), Consistency::sortedDependencyPath);
        }
        problem.ifPresent(p -> {
            throw new IllegalArgumentException(p.path() + ": " + p.message());
        });
        sources = sources.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        packages = packages.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        installOrder = installOrder.stream().map(g -> g.stream().sorted().toList()).toList();
    }

    /** A lockfile of the current format, as {@code cocoatly lock} writes it. */
    public static Lockfile of(ManifestInfo manifest, ResolverInfo resolver, List<LockedSource> sources,
            List<LockedPackage> packages, List<List<PackageId>> installOrder) {
        return new Lockfile(FORMAT, manifest, resolver, sources, packages, installOrder);
    }

    /**
     * A format-1 lockfile: no sources, and artifact URLs that may be relative to a registry the
     * installer is given. For tools and tests that build lockfiles by hand against a registry root.
     */
    public static Lockfile format1(ManifestInfo manifest, ResolverInfo resolver, List<LockedPackage> packages,
            List<List<PackageId>> installOrder) {
        return new Lockfile(FIRST_FORMAT, manifest, resolver, List.of(), packages, installOrder);
    }

    /**
     * Whether the lockfile alone says where every artifact is (format 2 on): then every artifact URL
     * is absolute and no registry is needed to install it.
     */
    public boolean locatesArtifacts() {
        return format >= 2;
    }

    /** The source named {@code name}, if the lockfile lists one (never in format 1). */
    public Optional<LockedSource> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The package locked as {@code id}, if any. */
    public Optional<LockedPackage> find(PackageId id) {
        return packages.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The groups of several packages: the dependency cycles, each installed together. */
    public List<List<PackageId>> cycles() {
        return installOrder.stream().filter(g -> g.size() > 1).toList();
    }

    /**
     * This lockfile without the packages marked dev: what {@code install --production} installs. The
     * packages left are closed under their dependencies (a package not marked dev never depends on
     * one that is), so the result is a consistent lockfile of the same versions.
     */
    public Lockfile production() {
        List<LockedPackage> kept = packages.stream().filter(p -> !p.dev()).toList();
        List<List<PackageId>> order = installOrder.stream()
                .map(g -> g.stream().filter(id -> find(id).map(p -> !p.dev()).orElse(false)).toList())
                .filter(g -> !g.isEmpty()).toList();
        return new Lockfile(format, manifest, resolver, sources, kept, order);
    }

    /**
     * The locked package a requirement of the project (or of a workspace member) binds to: the newest
     * locked version of its package that its range allows. Under {@code --multiple-versions} a package
     * may be locked at several versions; the newest allowed is the one the requirement was resolved to,
     * since the optimum prefers newer versions. The one rule for {@code tree}, {@code outdated} and
     * {@code install -p}.
     */
    public Optional<PackageId> binding(Dependency requirement) {
        PackageId best = null;
        for (LockedPackage p : packages) {
            PackageId id = p.id();
            if (id.name().equals(requirement.name()) && requirement.range().contains(id.version())
                    && (best == null || id.version().compareTo(best.version()) > 0)) {
                best = id;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The ids of all packages, sorted. */
    public List<PackageId> ids() {
        return packages.stream().map(LockedPackage::id).toList();
    }
}
