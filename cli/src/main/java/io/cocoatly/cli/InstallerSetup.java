package io.cocoatly.cli;

import io.cocoatly.config.Config;
import io.cocoatly.config.Home;
import io.cocoatly.installer.InstallSettings;
import io.cocoatly.installer.Installer;
import io.cocoatly.registry.FileRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Wires the installer for a command: the home and the layered settings, the installation (the
 * global one in the home, or a project's {@code .cocoatly/}), and the registry.
 */
record InstallerSetup(CommandSettings settings) {

    /** A project's installation lives in this directory next to its manifest. */
    static final String PROJECT_DIR = ".cocoatly";

    /**
     * @param manifest       the project's {@code cocoatly.json}, whose configuration is read if it exists
     * @param registryOption {@code --registry} as typed: a directory or an {@code http(s)}/{@code file} URL, or null
     */
    static InstallerSetup open(Context context, Path manifest, String registryOption, RemoteFlags remote) {
        return new InstallerSetup(CommandSettings.load(context, "cocoatly install", manifest, registryOption, remote));
    }

    /** For commands without {@code --manifest} or {@code --registry}: the project here or above, if any. */
    static InstallerSetup open(Context context) {
        return open(context, ManifestLocator.locate(context, null), null, new RemoteFlags());
    }

    /** Prints the settings' warnings on stderr unless the command writes JSON, which lists them in its data. */
    InstallerSetup warnUnless(boolean json, Context context) {
        if (!json) {
            settings.printWarnings(context);
        }
        return this;
    }

    Home home() {
        return settings.home();
    }

    Config config() {
        return settings.config();
    }

    /** The installer of the global installation, in the home. */
    Installer global() {
        return Installer.of(home(), config(), home(), installSettings());
    }

    /**
     * The installer's settings, downloading with the registry's transport: an artifact on the origin
     * of an http(s) registry gets its token after a 401, without the installer knowing of registries.
     */
    private InstallSettings installSettings() {
        return InstallSettings.from(config()).withDownload(settings.transport());
    }

    /** The installer of the project whose manifest is in {@code projectDir}: {@code <projectDir>/.cocoatly/}. */
    Installer project(Path projectDir) {
        Home target = new Home(projectDir.resolve(PROJECT_DIR));
        return Installer.of(home(), config(), target, installSettings().withInstallDir(target.packagesDir()));
    }

    /** The registry root that relative artifact URLs resolve against; an {@code http(s)} URL is fine here. */
    Optional<URI> registryRoot() {
        return settings.registryRoot();
    }

    /** The registry's index, for resolving: a directory or an http(s) registry. */
    FileRegistry index() {
        return settings.openRegistry();
    }
}
