package io.cocoatly.installer;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.model.PackageId;
import java.util.Objects;
import java.util.Optional;

/**
 * What an install will do with one package of the lockfile.
 *
 * @param locked   the package as the lockfile describes it
 * @param action   keep it, install it new, replace another version of it, or reinstall it
 * @param fetch    where its artifact comes from; {@link Fetch#NONE} for a kept package or one without artifact
 * @param download the request to fetch (or find in the cache) its artifact; empty when {@code fetch} is NONE
 * @param replaces the installed version it replaces ({@link Action#UPGRADE}: another version,
 *                 {@link Action#REINSTALL}: the same version with other bytes)
 */
public record PlannedPackage(LockedPackage locked, Action action, Fetch fetch, Optional<DownloadRequest> download,
                             Optional<PackageId> replaces) {

    /** What happens to the package. */
    public enum Action {
        /** Already installed with the same version and digest: untouched. */
        KEEP,
        /** Not installed in any version: {@code + name version}. */
        INSTALL,
        /** Another version is installed and is replaced: {@code ~ name from -> to}. */
        UPGRADE,
        /** Installed with a different digest (or damaged record): replaced by the locked bytes. */
        REINSTALL
    }

    /** Where the artifact comes from. */
    public enum Fetch {
        /** Nothing to fetch. */
        NONE,
        /** A verified copy is in the cache (it is re-hashed before use). */
        CACHE,
        /** It must be downloaded. */
        DOWNLOAD
    }

    public PlannedPackage {
        Objects.requireNonNull(locked, "locked");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(download, "download");
        Objects.requireNonNull(replaces, "replaces");
        if ((fetch == Fetch.NONE) != download.isEmpty()) {
            throw new IllegalArgumentException(locked.id() + ": a download request goes with a fetch, and only then");
        }
        if ((action == Action.UPGRADE || action == Action.REINSTALL) != replaces.isPresent()) {
            throw new IllegalArgumentException(locked.id() + ": only an upgrade or reinstall replaces a version");
        }
    }

    public PackageId id() {
        return locked.id();
    }

    /** Whether this package's files change. */
    public boolean changes() {
        return action != Action.KEEP;
    }
}
