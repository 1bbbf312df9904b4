package io.cocoatly.model;

import java.util.List;
import java.util.Objects;

/**
 * A project's {@code cocoatly.json}: its own name and version and what it depends on.
 *
 * @param dependencies sorted by package name, at most one per name
 */
public record Manifest(PackageName name, Version version, List<Dependency> dependencies) {

    public Manifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        dependencies = dependencies.stream().sorted().toList();
    }

    public PackageId id() {
        return new PackageId(name, version);
    }
}
