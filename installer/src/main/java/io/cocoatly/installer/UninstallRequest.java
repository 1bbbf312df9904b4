package io.cocoatly.installer;

import io.cocoatly.model.PackageName;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to uninstall.
 *
 * @param names     the packages to remove, every installed version of each
 * @param force     remove them even when other installed packages depend on them
 * @param requested present to remove orphans too: the packages the installation's owner asked for
 *                  (for the global installation, {@code global.json} after this change). A package
 *                  a removed one depended on, directly or not, goes as well when no package that
 *                  stays needs it and it is not requested itself. Empty: orphans stay.
 */
public record UninstallRequest(Set<PackageName> names, boolean force, Optional<Set<PackageName>> requested) {

    public UninstallRequest {
        names = Set.copyOf(names);
        requested = Objects.requireNonNull(requested, "requested").map(Set::copyOf);
    }

    /** Removes {@code names} and nothing else. */
    public static UninstallRequest of(Set<PackageName> names, boolean force) {
        return new UninstallRequest(names, force, Optional.empty());
    }
}
