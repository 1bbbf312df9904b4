package io.cocoatly.installer;

import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.PackageName;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to install: the lockfile the installation must match afterwards, and, for a format-1
 * lockfile, the registry root its relative artifact URLs resolve against.
 *
 * @param registry  a directory registry as a {@code file:} URI, or an {@code http(s)} registry root;
 *                  used only for a format-1 lockfile (a format-2 lockfile records every artifact's
 *                  absolute URL, and those are what is fetched); empty when not needed
 * @param reinstall which packages the state records as installed are unpacked again anyway
 */
public record InstallRequest(Lockfile lockfile, Optional<URI> registry, Reinstall reinstall) {

    public InstallRequest {
        Objects.requireNonNull(lockfile, "lockfile");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(reinstall, "reinstall");
    }

    /** A request that reinstalls nothing the state records as installed with the locked digest. */
    public InstallRequest(Lockfile lockfile, Optional<URI> registry) {
        this(lockfile, registry, Reinstall.NONE);
    }

    /** This request with {@code reinstall} instead. */
    public InstallRequest withReinstall(Reinstall reinstall) {
        return new InstallRequest(lockfile, registry, reinstall);
    }

    /**
     * Which installed packages of the lockfile are fetched (from the cache when it holds a verified
     * copy) and unpacked again, replacing their directory at the commit as an upgrade would.
     *
     * @param damaged  every package whose files no longer match the list recorded at install time
     *                 (what {@link Installer#verify} reports: changed, missing or extra paths); this
     *                 hashes every installed file, so it is asked for, never done by default
     * @param packages these packages whatever their files, every locked version of each
     */
    public record Reinstall(boolean damaged, Set<PackageName> packages) {

        /** Reinstall nothing. */
        public static final Reinstall NONE = new Reinstall(false, Set.of());

        public Reinstall {
            packages = Set.copyOf(packages);
        }

        /** Whether this asks for anything. */
        public boolean any() {
            return damaged || !packages.isEmpty();
        }
    }
}
