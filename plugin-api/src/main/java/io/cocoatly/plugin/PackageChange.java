package io.cocoatly.plugin;

import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One package an operation changes.
 *
 * @param name            the package
 * @param version         the version installed by the change, or removed by a {@link Kind#REMOVE}
 * @param previousVersion the version an {@link Kind#UPDATE} replaces; empty otherwise
 * @param kind            what happens to it
 * @param installPath     where its files are once installed, {@code <installDir>/<name>/<version>} (absolute)
 * @param files           where its files are at the time of the event: the staging directory in
 *                        {@code on_pre_install} (verified and unpacked, not yet in place), else
 *                        {@code installPath}; for a {@link Kind#REMOVE} after the removal, a path
 *                        that no longer exists. Read them; never run them: installing a package never
 *                        runs code from the package itself
 * @param metadata        what the package's own {@code cocoatly.json} says about it (description,
 *                        license, repository, keywords, categories) when its archive has one that
 *                        can be read; {@link ManifestMetadata#NONE} otherwise
 */
public record PackageChange(PackageName name, Version version, Optional<Version> previousVersion, Kind kind,
                            Path installPath, Path files, ManifestMetadata metadata) {

    /** What happens to a package. */
    public enum Kind {
        /** Not installed in any version before: {@code + name version}. */
        INSTALL,
        /** Another version was installed and is replaced: {@code ~ name from -> to}. */
        UPDATE,
        /** The same version is unpacked again (repair, or other bytes under the same version). */
        REINSTALL,
        /** The package goes: uninstalled, an orphan, or no longer in the lockfile. */
        REMOVE
    }

    public PackageChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(previousVersion, "previousVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(installPath, "installPath");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(metadata, "metadata");
        if ((kind == Kind.UPDATE) != previousVersion.isPresent()) {
            throw new IllegalArgumentException(name + ": a previous version goes with an update, and only then");
        }
    }

    /** {@code name@version}, as {@code COCOATLY_PACKAGES} lists it. */
    @Override
    public String toString() {
        return name + "@" + version;
    }
}
