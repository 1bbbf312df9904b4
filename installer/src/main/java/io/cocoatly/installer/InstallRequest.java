package io.cocoatly.installer;

import io.cocoatly.lockfile.Lockfile;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What to install: the lockfile the installation must match afterwards, and, for a format-1
 * lockfile, the registry root its relative artifact URLs resolve against.
 *
 * @param registry a directory registry as a {@code file:} URI, or an {@code http(s)} registry root;
 *                 used only for a format-1 lockfile (a format-2 lockfile records every artifact's
 *                 absolute URL, and those are what is fetched); empty when not needed
 */
public record InstallRequest(Lockfile lockfile, Optional<URI> registry) {

    public InstallRequest {
        Objects.requireNonNull(lockfile, "lockfile");
        Objects.requireNonNull(registry, "registry");
    }
}
