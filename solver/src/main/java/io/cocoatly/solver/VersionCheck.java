package io.cocoatly.solver;

import io.cocoatly.model.PackageId;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether one version can be installed, checked as if it were a project's only dependency pinned to
 * that exact version (so a yanked version is checked too, as if pinned).
 *
 * @param reason why not, when not installable and reasons were asked for
 *               ({@link Resolver#check(java.util.Collection, io.cocoatly.model.VersionPolicy, boolean)}):
 *               the direct cause (a missing package, a requirement no version matches) or the
 *               dependencies that cannot be satisfied together; empty otherwise
 */
public record VersionCheck(PackageId id, boolean installable, Optional<String> reason) {

    public VersionCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
    }
}
