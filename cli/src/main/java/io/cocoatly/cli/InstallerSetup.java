package io.cocoatly.cli;

import io.cocoatly.config.Config;
import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.ConfigWarning;
import io.cocoatly.config.Home;
import io.cocoatly.installer.InstallSettings;
import io.cocoatly.installer.Installer;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.registry.FileRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Wires the installer for a command: the home and its config (warnings shown on stderr), the
 * installation (the global one in the home, or a project's {@code .cocoatly/}), and the registry.
 *
 * @param registryOption {@code --registry} as typed: a directory or an {@code http(s)}/{@code file} URL
 */
record InstallerSetup(Context context, Home home, Config config, Optional<String> registryOption) {

    /** A project's installation lives in this directory next to its manifest. */
    static final String PROJECT_DIR = ".cocoatly";

    static InstallerSetup open(Context context, String registryOption) {
        String userHome = context.env().getOrDefault("HOME", System.getProperty("user.home"));
        Home home = Home.locate(context.env(), userHome == null ? null : Path.of(userHome));
        Config config = ConfigReader.read(home);
        for (ConfigWarning w : config.warnings()) {
            context.err().println("warning: " + w);
        }
        return new InstallerSetup(context, home, config, Optional.ofNullable(registryOption));
    }

    /** The installer of the global installation, in the home. */
    Installer global() {
        return Installer.of(home, config, home, InstallSettings.from(config));
    }

    /** The installer of the project whose manifest is in {@code projectDir}: {@code <projectDir>/.cocoatly/}. */
    Installer project(Path projectDir) {
        Home target = new Home(projectDir.resolve(PROJECT_DIR));
        return Installer.of(home, config, target, InstallSettings.from(config).withInstallDir(target.packagesDir()));
    }

    /** The registry text: {@code --registry}, else {@code registry.url} of config.json, else $COCOATLY_REGISTRY. */
    Optional<String> registryText() {
        return registryOption.or(() -> config.registry().url())
                .or(() -> Optional.ofNullable(context.env().get(RegistryOptions.REGISTRY_ENV)).filter(s -> !s.isBlank()));
    }

    /** The registry root that relative artifact URLs resolve against. */
    Optional<URI> registryRoot() {
        return registryText().map(this::toUri);
    }

    /** The registry's index, for resolving; only a directory registry can be read. */
    FileRegistry index() {
        String text = registryText().orElseThrow(() -> new CocoatlyException("usage", "no registry given: `--registry`"
                + " is not set, nor `registry.url` in config.json, nor $" + RegistryOptions.REGISTRY_ENV,
                List.of("pass `--registry DIR`")));
        URI uri = toUri(text);
        if (!"file".equals(uri.getScheme())) {
            throw new CocoatlyException("usage", "resolving needs a registry directory, not a URL: `" + text + "`",
                    List.of("pass `--registry DIR` with a local copy of the registry"));
        }
        return FileRegistry.open(Path.of(uri));
    }

    private URI toUri(String text) {
        if (text.startsWith("http://") || text.startsWith("https://") || text.startsWith("file:")) {
            return URI.create(text.endsWith("/") ? text : text + "/");
        }
        return context.path(text).toUri();
    }
}
