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
     * Every package name, when the registry can list them cheaply (a directory can; a sparse index
     * served over HTTP need not). Only hints use it ("did you mean ..."), never resolution.
     */
    default Optional<List<PackageName>> listNames() {
        return Optional.empty();
    }
}
