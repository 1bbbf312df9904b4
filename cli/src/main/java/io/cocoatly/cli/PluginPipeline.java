package io.cocoatly.cli;

import io.cocoatly.config.Home;
import io.cocoatly.installer.InstallPlan;
import io.cocoatly.installer.Lifecycle;
import io.cocoatly.installer.PlannedPackage;
import io.cocoatly.installer.State;
import io.cocoatly.installer.StatePackage;
import io.cocoatly.installer.UninstallPlan;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageId;
import io.cocoatly.plugin.Hook;
import io.cocoatly.plugin.Installation;
import io.cocoatly.plugin.LifecycleEvent;
import io.cocoatly.plugin.Operation;
import io.cocoatly.plugin.PackageChange;
import io.cocoatly.plugin.Plugin;
import io.cocoatly.plugin.Verdict;
import io.cocoatly.registry.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CLI's side of the installer's {@link Lifecycle}: turns each position the installer reaches into
 * one {@link LifecycleEvent} and hands it to the plugins in their one order, the built-in
 * {@code shell-hooks} first, then the jars of {@code <home>/plugins/} by name, a jar's providers in
 * the order of its service file. The installer knows nothing of plugins; this is where they meet it.
 *
 * <p>Plugins are loaded when the first position is reached ({@link Plugins#loaded()}), never for an
 * operation that changes nothing. A jar that cannot be loaded refuses the operation before anything
 * changes ({@code plugin-load-failed}): a policy plugin that cannot load must not be silently skipped.
 * Each call of a jar's hook runs on a daemon thread of its own, with the plugin's class loader as its
 * context loader, and is given {@code plugins.timeout_seconds}; the shell hooks bound their processes
 * themselves. Before the change, a veto ({@code plugin-vetoed}), a throw or an overrun
 * ({@code plugin-failed}; {@code hook-failed} for a shell hook) stops the operation with nothing
 * changed; after it, the same are warnings naming the plugin and the change stands.
 */
final class PluginPipeline implements Lifecycle {

    private final Plugins plugins;
    private final ShellHooks shellHooks;
    private final Duration timeout;
    private final Installation installation;
    private final Path home;
    // What a removed package's own cocoatly.json said, read before the change while its files are
    // there, for the event after it; by install path.
    private final Map<Path, ManifestMetadata> removedMetadata = new HashMap<>();

    /**
     * @param plugins      this run's plugins
     * @param shellHooks   the built-in plugin, run when {@link Plugins#enabled} says so for {@link Plugins#SHELL_HOOKS}
     * @param timeout      the time limit of one call of a jar's hook ({@code plugins.timeout_seconds})
     * @param installation the installation the installer changes
     * @param home         this run's home, absolute
     */
    PluginPipeline(Plugins plugins, ShellHooks shellHooks, Duration timeout, Installation installation, Path home) {
        this.plugins = plugins;
        this.shellHooks = shellHooks;
        this.timeout = timeout;
        this.installation = installation;
        this.home = home;
    }

    /**
     * Whether nothing at all would run: no enabled jar and no enabled shell hook. Known without opening
     * a jar, so that the installer is then given {@link Lifecycle#NONE} and pays nothing.
     */
    boolean isEmpty() {
        boolean shell = plugins.enabled(Plugins.SHELL_HOOKS) && !shellHooks.isEmpty();
        return !shell && plugins.jars().stream().noneMatch(j -> plugins.enabled(j.name()));
    }

    @Override
    public void beforeInstall(InstallPlan plan, Map<PackageId, Path> staged) {
        runBefore(Hook.ON_PRE_INSTALL, Operation.INSTALL, () -> installChanges(plan, staged, true));
    }

    @Override
    public List<String> afterInstall(InstallPlan plan, State committed) {
        List<PackageChange> changes = installChanges(plan, Map.of(), false);
        List<PackageChange> updates = changes.stream().filter(p -> p.kind() == PackageChange.Kind.UPDATE).toList();
        List<LifecycleEvent> events = new ArrayList<>();
        if (!updates.isEmpty()) {
            events.add(event(Hook.ON_PACKAGE_UPDATE, Operation.INSTALL, updates));
        }
        events.add(event(Hook.ON_POST_INSTALL, Operation.INSTALL, changes));
        return runAfter(events);
    }

    @Override
    public void beforeUninstall(UninstallPlan plan) {
        runBefore(Hook.ON_PRE_UNINSTALL, Operation.UNINSTALL, () -> removals(plan.gone(), true));
    }

    @Override
    public List<String> afterUninstall(UninstallPlan plan, State committed) {
        return runAfter(List.of(event(Hook.ON_POST_UNINSTALL, Operation.UNINSTALL, removals(plan.gone(), false))));
    }

    // A hook may write in the home (the event names it): the home is marked as Cocoatly's before a
    // hook runs, where it can be, or a plugin's own files there would make later commands refuse it. A
    // home with files of the user's own stays as it was, and the hooks run all the same.
    private void markHome() {
        new Home(home).markIfAdoptable();
    }

    // A pre-position: the plugins are loaded first (a jar that cannot load refuses before the event
    // is built), then each step in order may veto.
    private void runBefore(Hook hook, Operation operation, java.util.function.Supplier<List<PackageChange>> changes) {
        markHome();
        List<Step> steps = steps();
        LifecycleEvent event = event(hook, operation, changes.get());
        for (Step step : steps) {
            before(step, event);
        }
    }

    // A post-position: every event at every step in order; what fails, a load failure included, is a warning.
    private List<String> runAfter(List<LifecycleEvent> events) {
        List<Step> steps;
        try {
            markHome();
            steps = steps();
        } catch (CocoatlyException e) {
            return List.of(e.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        for (LifecycleEvent event : events) {
            steps.forEach(step -> after(step, event).ifPresent(warnings::add));
        }
        return warnings;
    }

    /** One plugin provider at the positions, with the name messages give it. */
    private record Step(String name, Plugin plugin, boolean builtIn) {
    }

    // The plugins in their order, loading the jars on the first call. Fails closed.
    private List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        if (plugins.enabled(Plugins.SHELL_HOOKS) && !shellHooks.isEmpty()) {
            steps.add(new Step(Plugins.SHELL_HOOKS, shellHooks, true));
        }
        List<LoadedPlugin> broken = new ArrayList<>();
        for (LoadedPlugin loaded : plugins.loaded()) {
            if (!loaded.ok()) {
                broken.add(loaded);
            }
            loaded.plugins().forEach(p -> steps.add(new Step(loaded.name(), p, false)));
        }
        if (!broken.isEmpty()) {
            LoadedPlugin first = broken.get(0);
            throw new CocoatlyException(ErrorKind.FAILED, "plugin-load-failed", String.join("; ",
                    broken.stream().map(b -> b.problem().orElseThrow()).toList()), List.of("nothing was changed",
                    "fix or remove `" + first.jar().path() + "`, or turn the plugin off: `cocoatly plugins disable "
                            + first.name() + "`", "`--no-plugins` runs without any plugin"));
        }
        return steps;
    }

    private void before(Step step, LifecycleEvent event) {
        String operation = event.operation() == Operation.INSTALL ? "install" : "uninstall";
        if (step.builtIn()) {
            // The shell hooks bound their own processes, and their refusal keeps its own code and words.
            verdict(step.plugin(), event);
            return;
        }
        Verdict verdict;
        try {
            verdict = timed(step, event, () -> verdict(step.plugin(), event));
        } catch (HookFailure e) {
            throw new CocoatlyException(ErrorKind.FAILED, "plugin-failed", "plugin `" + step.name() + "` " + e.getMessage()
                    + "; the " + operation + " was refused", hints(step, e.timedOut));
        }
        if (verdict instanceof Verdict.Veto veto) {
            throw new CocoatlyException(ErrorKind.FAILED, "plugin-vetoed", "plugin `" + step.name() + "` refused the "
                    + operation + ": " + veto.message(), hints(step, false));
        }
        if (verdict == null) {
            throw new CocoatlyException(ErrorKind.FAILED, "plugin-failed", "plugin `" + step.name() + "` returned no"
                    + " verdict from " + event.hook().key() + "; the " + operation + " was refused", hints(step, false));
        }
    }

    private List<String> hints(Step step, boolean timedOut) {
        List<String> hints = new ArrayList<>(List.of("nothing was changed"));
        if (timedOut) {
            hints.add("a hook call may take at most `plugins.timeout_seconds` (now " + timeout.toSeconds() + ")");
        }
        hints.add("`cocoatly plugins disable " + step.name() + "` turns the plugin off; `--no-plugins` runs without any");
        return hints;
    }

    /** Runs an after-position hook; what went wrong, as a warning naming the plugin, if anything. */
    private Optional<String> after(Step step, LifecycleEvent event) {
        Runnable call = () -> {
            Plugin p = step.plugin();
            switch (event.hook()) {
                case ON_POST_INSTALL -> p.onPostInstall(event);
                case ON_PACKAGE_UPDATE -> p.onPackageUpdate(event);
                case ON_POST_UNINSTALL -> p.onPostUninstall(event);
                default -> throw new AssertionError(event.hook());
            }
        };
        if (step.builtIn()) {
            try {
                call.run();
                return Optional.empty();
            } catch (CocoatlyException e) {
                return Optional.of(e.getMessage());
            }
        }
        try {
            timed(step, event, () -> {
                call.run();
                return Boolean.TRUE;
            });
            return Optional.empty();
        } catch (HookFailure e) {
            return Optional.of("plugin `" + step.name() + "` " + e.getMessage() + "; the change stands");
        }
    }

    private static Verdict verdict(Plugin plugin, LifecycleEvent event) {
        return switch (event.hook()) {
            case ON_PRE_INSTALL -> plugin.onPreInstall(event);
            case ON_PRE_UNINSTALL -> plugin.onPreUninstall(event);
            default -> throw new AssertionError(event.hook());
        };
    }

    /** Why a call of a jar's hook did not return. */
    private static final class HookFailure extends Exception {
        final boolean timedOut;

        HookFailure(String message, boolean timedOut) {
            super(message, null, false, false);
            this.timedOut = timedOut;
        }
    }

    /** A value that a hook call computes. */
    private interface Call<T> {
        T get();
    }

    // On a daemon thread, so that a plugin that never returns cannot keep Cocoatly from exiting; it is
    // interrupted when its time is up and then left behind.
    private <T> T timed(Step step, LifecycleEvent event, Call<T> call) throws HookFailure {
        FutureTask<T> task = new FutureTask<>(call::get);
        Thread thread = new Thread(task, "cocoatly-plugin-" + step.name() + "-" + event.hook().key());
        thread.setDaemon(true);
        thread.setContextClassLoader(step.plugin().getClass().getClassLoader());
        thread.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new HookFailure("did not finish " + event.hook().key() + " within " + ShellHooks.seconds(timeout), true);
        } catch (ExecutionException e) {
            throw new HookFailure("failed in " + event.hook().key() + ": " + describe(e.getCause()), false);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new HookFailure("was interrupted in " + event.hook().key(), false);
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof CocoatlyException c) {
            return c.getMessage();
        }
        return e.toString();
    }

    private LifecycleEvent event(Hook hook, Operation operation, List<PackageChange> packages) {
        return new LifecycleEvent(hook, operation, packages, installation, home);
    }

    // Every package an install changes: installed, updated, reinstalled, and removed because the
    // lockfile dropped it (not the old version an update replaces: that is the update's).
    private List<PackageChange> installChanges(InstallPlan plan, Map<PackageId, Path> staged, boolean before) {
        List<PackageChange> changes = new ArrayList<>();
        Set<PackageId> replaced = new HashSet<>();
        for (PlannedPackage p : plan.changes()) {
            PackageId id = p.id();
            Path installPath = installPath(id);
            Path files = before ? staged.getOrDefault(id, installPath) : installPath;
            Optional<io.cocoatly.model.Version> previous = Optional.empty();
            PackageChange.Kind kind = switch (p.action()) {
                case INSTALL -> PackageChange.Kind.INSTALL;
                case UPGRADE -> PackageChange.Kind.UPDATE;
                case REINSTALL -> PackageChange.Kind.REINSTALL;
                case KEEP -> throw new AssertionError(id);
            };
            if (kind == PackageChange.Kind.UPDATE) {
                replaced.add(p.replaces().orElseThrow());
                previous = Optional.of(p.replaces().orElseThrow().version());
            }
            changes.add(new PackageChange(id.name(), id.version(), previous, kind, installPath, files, metadata(files)));
        }
        List<StatePackage> dropped = plan.removals().stream().filter(r -> !replaced.contains(r.id())).toList();
        changes.addAll(removals(dropped, before));
        changes.sort(ORDER);
        return changes;
    }

    private List<PackageChange> removals(List<StatePackage> gone, boolean before) {
        List<PackageChange> changes = new ArrayList<>();
        for (StatePackage p : gone) {
            Path path = p.installPath();
            ManifestMetadata metadata;
            if (before) {
                metadata = metadata(path);
                removedMetadata.put(path, metadata);
            } else {
                metadata = removedMetadata.getOrDefault(path, ManifestMetadata.NONE);
            }
            changes.add(new PackageChange(p.id().name(), p.id().version(), Optional.empty(), PackageChange.Kind.REMOVE,
                    path, path, metadata));
        }
        changes.sort(ORDER);
        return changes;
    }

    private static final Comparator<PackageChange> ORDER = Comparator.comparing(PackageChange::name)
            .thenComparing(PackageChange::version);

    private Path installPath(PackageId id) {
        return installation.installDir().resolve(id.name().value()).resolve(id.version().toString());
    }

    /**
     * What the package's own {@code cocoatly.json} in {@code dir} says about it; {@link ManifestMetadata#NONE}
     * when there is none or it cannot be read: a plugin deciding on metadata sees "unknown", never an error
     * that would block an install for a malformed file in a package.
     */
    static ManifestMetadata metadata(Path dir) {
        Path file = dir.resolve(Manifests.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return ManifestMetadata.NONE;
        }
        try {
            return Manifests.read(file).metadata();
        } catch (RuntimeException e) {
            return ManifestMetadata.NONE;
        }
    }
}
