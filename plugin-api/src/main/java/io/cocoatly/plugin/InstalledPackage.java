package io.cocoatly.plugin;

import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A package of an installation, as its {@code state.json} records it.
 *
 * @param name        the package
 * @param version     its installed version
 * @param installPath where its files are (absolute)
 */
public record InstalledPackage(PackageName name, Version version, Path installPath) {

    public InstalledPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(installPath, "installPath");
    }
}
