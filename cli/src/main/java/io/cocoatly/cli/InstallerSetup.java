package io.cocoatly.cli;

import io.cocoatly.config.Config;
import io.cocoatly.config.Home;
import io.cocoatly.installer.InstallSettings;
import io.cocoatly.installer.Installer;
import io.cocoatly.installer.Lifecycle;
import io.cocoatly.plugin.Installation;
import io.cocoatly.registry.FileRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Wires the installer for a command: the home and the layered settings, the installation (the
 * global one in the home, or a project's {@code .cocoatly/}), the registry, and the plugins that run
 * at the installer's hook positions ({@link PluginPipeline}).
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

    /** The installer of the global installation, in the home, running this run's plugins at its hook positions. */
    Installer global() {
        InstallSettings install = installSettings();
        Installation installation = new Installation(Installation.Kind.GLOBAL, absolute(home().root()),
                absolute(install.installDir()));
        return Installer.of(home(), config(), home(), install.withLifecycle(lifecycle(installation)));
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
        InstallSettings install = installSettings().withInstallDir(target.packagesDir());
        Installation installation = new Installation(Installation.Kind.PROJECT, absolute(projectDir),
                absolute(install.installDir()));
        return Installer.of(home(), config(), target, install.withLifecycle(lifecycle(installation)));
    }

    /**
     * What runs at the hook positions of an installer of {@code installation}: this run's plugins
     * ({@code plugins.disabled}, {@code --no-plugins}) with the built-in shell hooks first, or
     * {@link Lifecycle#NONE} when none would run, known from one listing of {@code <home>/plugins/}
     * without opening a jar. The installer tools ({@code installer.command}) run no hooks: this
     * process runs them around its requests.
     */
    private Lifecycle lifecycle(Installation installation) {
        Config.Plugins settings = config().plugins();
        Plugins plugins = Plugins.of(home(), Set.copyOf(settings.disabled()), this.settings.context().console().noPlugins());
        RunResources.closeAtEnd(this.settings.context(), plugins::closeLoaded);
        ShellHooks shell = new ShellHooks(config().hooks(), settings.timeout(), this.settings.context().env());
        PluginPipeline pipeline = new PluginPipeline(plugins, shell, settings.timeout(), installation,
                absolute(home().root()));
        return pipeline.isEmpty() ? Lifecycle.NONE : pipeline;
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
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
