package io.cocoatly.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A project's {@code cocoatly.json}: its own name and version, what it depends on, what only its
 * development needs, and what it says about itself.
 *
 * @param dependencies    sorted by package name, at most one per name
 * @param devDependencies what only the project's development needs (tests, tools): resolved and locked
 *                        with the rest, left out by {@code install --production}, never published;
 *                        sorted by name, at most one per name, no name also in {@code dependencies}
 * @param metadata        description, license, repository, keywords and categories
 */
public record Manifest(PackageName name, Version version, List<Dependency> dependencies,
                       List<Dependency> devDependencies, ManifestMetadata metadata) {

    public Manifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(metadata, "metadata");
        dependencies = sorted(dependencies);
        devDependencies = sorted(devDependencies);
    }

    // An array sort rather than a stream: a workspace builds hundreds of manifests before the JVM has
    // compiled the stream machinery. Immutable, and null elements refused, as Stream.toList() would not.
    private static List<Dependency> sorted(List<Dependency> dependencies) {
        Dependency[] array = dependencies.toArray(new Dependency[0]);
        Arrays.sort(array);
        return List.of(array);
    }

    /** A manifest with dependencies only: no dev-dependencies, no metadata. */
    public Manifest(PackageName name, Version version, List<Dependency> dependencies) {
        this(name, version, dependencies, List.of(), ManifestMetadata.NONE);
    }

    public PackageId id() {
        return new PackageId(name, version);
    }

    /**
     * What a lock resolves: the dependencies, then the dev-dependencies, sorted by name. The two
     * lists name different packages, so this names each at most once.
     */
    public List<Dependency> allDependencies() {
        if (devDependencies.isEmpty()) {
            return dependencies;
        }
        List<Dependency> all = new ArrayList<>(dependencies);
        all.addAll(devDependencies);
        return sorted(all);
    }

    /** This manifest as a published package sees it: without dev-dependencies. */
    public Manifest withoutDevDependencies() {
        return new Manifest(name, version, dependencies, List.of(), metadata);
    }
}
