package io.cocoatly.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One published version of a package as the registry describes it.
 *
 * @param dependencies sorted by package name, at most one per name
 * @param yanked       whether the publisher withdrew it; a yanked release is only chosen when pinned
 */
public record Release(PackageId id, List<Dependency> dependencies, boolean yanked, Optional<Artifact> artifact) {

    public Release {
        Objects.requireNonNull(id, "id");
        dependencies = dependencies.stream().sorted().toList();
        Objects.requireNonNull(artifact, "artifact");
    }

    public PackageName name() {
        return id.name();
    }

    public Version version() {
        return id.version();
    }
}
