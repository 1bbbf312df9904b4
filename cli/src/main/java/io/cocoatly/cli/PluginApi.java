package io.cocoatly.cli;

import io.cocoatly.installer.Installer;
import io.cocoatly.installer.StatePackage;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.plugin.CocoatlyApi;
import io.cocoatly.plugin.InstalledPackage;
import io.cocoatly.plugin.Installation;
import io.cocoatly.project.KnownPackages;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plugin command may ask Cocoatly for, answered as the built-in commands answer it: the home
 * of {@link CommandSettings#home}, the project of {@link ManifestLocator}, the installations through
 * {@link InstallerSetup}'s installers (reading {@code state.json} only), the lockfile through
 * {@link ProjectFiles}, and resolving as {@code cocoatly resolve} does, against the registry of this
 * run's layered settings (the project's included). Every call reads; none takes the install lock.
 */
final class PluginApi implements CocoatlyApi {

    private final Context context;
    private final String command;
    private final boolean json;
    private boolean warned;

    /**
     * @param command the plugin command's name: errors say {@code cocoatly NAME}, and a resolve's root is
     *                named after it
     * @param json    whether the command runs under {@code --json}: the settings' warnings are then not
     *                printed (stdout holds the envelope, and stderr stays quiet as for built-ins)
     */
    PluginApi(Context context, String command, boolean json) {
        this.context = context;
        this.command = command;
        this.json = json;
    }

    @Override
    public Path home() {
        return CommandSettings.home(context).root().toAbsolutePath().normalize();
    }

    @Override
    public Optional<Path> project() {
        return ManifestLocator.nearest(context).map(m -> m.toAbsolutePath().normalize().getParent());
    }

    @Override
    public List<InstalledPackage> installed(Installation.Kind kind) {
        Objects.requireNonNull(kind, "kind");
        InstallerSetup setup = settings(InstallerSetup.open(context));
        Installer installer = kind == Installation.Kind.GLOBAL ? setup.global() : setup.project(requireProject());
        return installer.state().packages().stream()
                .sorted(Comparator.comparing(StatePackage::id))
                .map(p -> new InstalledPackage(p.id().name(), p.id().version(), p.installPath().toAbsolutePath()))
                .toList();
    }

    @Override
    public List<PackageId> lockedPackages() {
        requireProject();
        return ProjectFiles.openWorkspace(context, null).requireLockfile().ids().stream().sorted().toList();
    }

    @Override
    public Map<PackageName, Version> resolve(List<Dependency> requirements) {
        Manifest root = new Manifest(PackageName.of(ExternalCommand.PREFIX + command), Version.parse("0.0.0"),
                List.copyOf(requirements));
        CommandSettings settings = CommandSettings.load(context, "cocoatly " + command,
                ManifestLocator.locate(context, null), null);
        FileRegistry index = settings.openRegistry();
        warnOnce(settings);
        KnownPackages.require(root, index);
        Resolution resolution = new Resolver(index).resolve(ResolveRequest.of(root));
        if (resolution instanceof Resolution.Unsatisfiable u) {
            // Plain prose: the plugin may print it, put it in its data, or let it through to be reported.
            throw ResolveCommand.unsatisfiable(root, u, Integer.MAX_VALUE);
        }
        Map<PackageName, Version> chosen = new LinkedHashMap<>();
        for (Resolution.SelectedPackage p : ((Resolution.Solved) resolution).packages()) {
            chosen.put(p.id().name(), p.id().version());
        }
        return chosen;
    }

    private Path requireProject() {
        return project().orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "no-project",
                "`cocoatly " + command + "` asked for the project, but `" + context.cwd().toAbsolutePath().normalize()
                        + "` is in none: no `cocoatly.json` here or in any parent directory",
                List.of("run it inside a project, or `cocoatly init` to start one")));
    }

    private InstallerSetup settings(InstallerSetup setup) {
        warnOnce(setup.settings());
        return setup;
    }

    // The settings' warnings once per run, as a built-in command prints them.
    private synchronized void warnOnce(CommandSettings settings) {
        if (!json && !warned) {
            warned = true;
            settings.printWarnings(context);
        }
    }
}
