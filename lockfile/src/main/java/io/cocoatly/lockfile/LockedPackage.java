package io.cocoatly.lockfile;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One selected package: everything the installer needs to fetch and check it without asking the
 * registry again.
 *
 * @param source       the name of one of the lockfile's sources (format 2), or the registry's name or
 *                     URL (format 1)
 * @param artifact     absent for a registry that publishes no archives; its URL is absolute in format 2
 * @param dependencies the exact packages it was resolved against, sorted, each at most once
 * @param dev          whether only the project's dev-dependencies need it: {@code install --production}
 *                     leaves it out (written as {@code "dev": true}, left out when false)
 */
public record LockedPackage(PackageId id, String source, Optional<Artifact> artifact, List<PackageId> dependencies,
        boolean dev) {

    /** @throws IllegalArgumentException if the source is empty or a dependency is listed twice */
    public LockedPackage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(artifact, "artifact");
        if (source.isEmpty()) {
            throw new IllegalArgumentException("the source of " + id + " is empty");
        }
        dependencies = dependencies.stream().sorted().toList();
        for (int i = 1; i < dependencies.size(); i++) {
            if (dependencies.get(i).equals(dependencies.get(i - 1))) {
                throw new IllegalArgumentException(id + " lists dependency " + dependencies.get(i) + " twice");
            }
        }
    }

    /** A package the project's regular dependencies need (not dev-only). */
    public LockedPackage(PackageId id, String source, Optional<Artifact> artifact, List<PackageId> dependencies) {
        this(id, source, artifact, dependencies, false);
    }

    /** This package with its dev mark set to {@code dev}. */
    public LockedPackage withDev(boolean dev) {
        return new LockedPackage(id, source, artifact, dependencies, dev);
    }

    public PackageName name() {
        return id.name();
    }

    public Version version() {
        return id.version();
    }
}
