package io.cocoatly.model;

import java.util.List;
import java.util.Optional;

/**
 * The question the solver asks a registry: which versions of a package exist, and what each
 * depends on. Implementations load each package at most once and only when asked, and are safe to
 * call from several threads.
 */
public interface PackageIndex {

    /** The registry's name, as used in messages ("bar does not exist in registry sample"). */
    String name();

    /**
     * The package's releases, or empty if the registry has no such package (not an error: a
     * dependency on it simply cannot be satisfied).
     *
     * @throws CocoatlyException if the registry's data for the package is malformed or unreadable
     */
    Optional<PackageListing> find(PackageName name);

    /**
     * The release {@code id}, or empty if the registry has no such package or version. By default
     * {@link #find} filtered to {@code id}'s version; an index that can read one release without the
     * others (a registry's index file, {@code FileRegistry}) does, for callers that know the exact
     * release they need, such as a lockfile's check.
     *
     * @throws CocoatlyException if the registry's data for the package is malformed or unreadable
     */
    default Optional<Release> release(PackageId id) {
        return find(id.name()).flatMap(listing -> listing.releases().stream()
                .filter(r -> r.version().equals(id.version())).findFirst());
    }

    /**
     * Every package name, when the registry can list them cheaply (a directory can; a sparse index
     * served over HTTP need not). Only hints use it ("did you mean ..."), never resolution.
     */
    default Optional<List<PackageName>> listNames() {
        return Optional.empty();
    }
}
