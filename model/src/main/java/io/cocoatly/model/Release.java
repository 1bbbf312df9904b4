package io.cocoatly.model;

import java.util.Arrays;
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
        // Sorted in an array, not through a stream: every release a command reads is made here, and
        // on a short command's cold path the stream's machinery cost more than the sorting.
        Dependency[] sorted = dependencies.toArray(new Dependency[0]);
        Arrays.sort(sorted);
        dependencies = List.of(sorted);
        Objects.requireNonNull(artifact, "artifact");
    }

    public PackageName name() {
        return id.name();
    }

    public Version version() {
        return id.version();
    }
}
