package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.config.Config;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The built-in {@link Installer}: does the work in this process. Every changing operation runs
 * under the home's {@link InstallLock}, first cleans up after an interrupted run
 * ({@link HomeRecovery}), then plans from the state it reads there and executes the plan as one
 * pipeline: {@link FetchStep} (download and verify everything), {@link StageStep} (extract into
 * staging), {@link CommitStep} (rename into place, commit {@code state.json} once, delete what went).
 */
public final class LocalInstaller implements Installer {

    /**
     * How long to wait for another process holding the lock when the settings do not say
     * ({@code installer.lock_timeout_seconds}).
     */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Config.Installer.DEFAULT_LOCK_TIMEOUT;

    private final Home home;
    private final InstallSettings settings;
    private final Duration lockTimeout;
    private final Clock clock;
    private final CommitStep.Probe probe;

    /**
     * @param home     the installation: its {@code state.json}, lock and {@code tmp/}
     * @param settings where packages go, how they are checked, and how long to wait for the lock
     */
    public LocalInstaller(Home home, InstallSettings settings) {
        this(home, settings, settings.lockTimeout(), Clock.systemUTC(), CommitStep.Probe.NONE);
    }

    private LocalInstaller(Home home, InstallSettings settings, Duration lockTimeout, Clock clock, CommitStep.Probe probe) {
        this.home = Objects.requireNonNull(home, "home");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** This installer, waiting at most {@code timeout} for the lock. */
    public LocalInstaller withLockTimeout(Duration timeout) {
        return new LocalInstaller(home, settings, timeout, clock, probe);
    }

    // For the crash tests: a probe that sees the commit reach each point.
    LocalInstaller withCommitProbe(CommitStep.Probe commitProbe) {
        return new LocalInstaller(home, settings, lockTimeout, clock, commitProbe);
    }

    @Override
    public InstallPlan plan(InstallRequest request) {
        State state = state();
        return InstallPlanner.plan(request.lockfile(), state, request.registry(), settings.cacheDir(),
                reinstalls(state, request, false));
    }

    @Override
    public InstallOutcome apply(InstallRequest request, InstallListener listener) {
        return apply(state -> request, CommitHook.NONE, listener);
    }

    @Override
    public InstallOutcome apply(Function<State, InstallRequest> decide, CommitHook hook, InstallListener listener) {
        try (Session s = Session.open(home, settings, lockTimeout, listener)) {
            hook.locked(s.state);
            InstallRequest request = decide.apply(s.state);
            InstallPlan plan = InstallPlanner.plan(request.lockfile(), s.state, request.registry(), settings.cacheDir(),
                    reinstalls(s.state, request, !s.recovery.isEmpty()));
            listener.planned(plan);
            Map<PackageId, DownloadedArtifact> artifacts;
            Map<PackageId, StageStep.Staged> staged;
            try (FetchStep fetch = new FetchStep(settings)) {
                artifacts = fetch.run(plan, listener);
                staged = new StageStep(settings).run(plan, artifacts, listener);
            }
            Lifecycle lifecycle = settings.lifecycle();
            if (!plan.isNoOp()) {
                vetoable(staged, () -> lifecycle.beforeInstall(plan, stagedDirs(staged)));
            }
            vetoable(staged, () -> hook.beforeCommit(request.lockfile().ids().stream().sorted().toList()));
            State next = new CommitStep(home, settings, clock, probe).run(s.state, plan, staged, listener);
            hook.committed(next);
            if (!plan.isNoOp()) {
                reportAfter(() -> lifecycle.afterInstall(plan, next), listener);
            }
            List<PackageId> downloaded = new ArrayList<>();
            long bytes = 0;
            for (DownloadedArtifact a : artifacts.values()) {
                if (!a.fromCache()) {
                    downloaded.add(a.id());
                    bytes += a.size();
                }
            }
            // After the install's own entries were released, so that the policy sees them as any other.
            CacheCleaner.applyPolicy(settings.cacheDir(), settings.cachePolicy(), clock.instant());
            return new InstallOutcome(plan, next, s.recovery, downloaded, bytes);
        }
    }

    // The installed packages of the lockfile to unpack again although the state records the locked
    // digest: those asked for by name, and those whose files differ from the recorded list when the
    // request asks for the damaged ones or an interrupted run was just cleaned up (then the digests
    // in state.json may not describe the bytes on disk, and "Nothing to do" would be wrong). Checking
    // hashes every kept file, so it is done only then.
    private static Set<PackageId> reinstalls(State state, InstallRequest request, boolean recovered) {
        InstallRequest.Reinstall asked = request.reinstall();
        boolean check = recovered || asked.damaged();
        if (!check && asked.packages().isEmpty()) {
            return Set.of();
        }
        Set<PackageId> reinstall = new HashSet<>();
        for (PackageId id : request.lockfile().ids()) {
            state.find(id).filter(p -> asked.packages().contains(p.name()) || (check && !InstalledFiles.check(p).ok()))
                    .ifPresent(p -> reinstall.add(id));
        }
        return reinstall;
    }

    @Override
    public UninstallOutcome uninstall(Collection<PackageName> names, boolean force, InstallListener listener) {
        return uninstall(names, force, CommitHook.NONE, listener);
    }

    @Override
    public UninstallOutcome uninstall(Function<State, UninstallRequest> decide, CommitHook hook, InstallListener listener) {
        try (Session s = Session.open(home, settings, lockTimeout, listener)) {
            hook.locked(s.state);
            UninstallPlan plan = UninstallPlan.of(s.state, decide.apply(s.state));
            Lifecycle lifecycle = settings.lifecycle();
            boolean changes = !plan.gone().isEmpty();
            if (changes) {
                lifecycle.beforeUninstall(plan);
            }
            State next = plan.state();
            hook.beforeCommit(next.ids());
            StateStore.write(home, next);
            listener.committed(next);
            hook.committed(next);
            for (StatePackage p : plan.gone()) {
                PackageFiles.removeRecorded(p, settings.installDir());
                listener.removed(p.id());
            }
            if (changes) {
                reportAfter(() -> lifecycle.afterUninstall(plan, next), listener);
            }
            return new UninstallOutcome(ids(plan.removed()), ids(plan.orphans()), plan.dependents(), next);
        }
    }

    private static Map<PackageId, Path> stagedDirs(Map<PackageId, StageStep.Staged> staged) {
        Map<PackageId, Path> dirs = new LinkedHashMap<>();
        staged.forEach((id, s) -> dirs.put(id, s.dir()));
        return dirs;
    }

    // A veto or a refusal after staging deletes the staging directories before it leaves, so that
    // nothing of the refused operation stays behind (a crash instead leaves them to HomeRecovery).
    private static void vetoable(Map<PackageId, StageStep.Staged> staged, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            for (StageStep.Staged s : staged.values()) {
                try {
                    PackageFiles.deleteTree(s.dir());
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /**
     * Runs an {@code after*} position: the change stands whatever it does, so its problems, and a
     * throw, reach the listener as warnings.
     */
    static void reportAfter(java.util.function.Supplier<List<String>> after, InstallListener listener) {
        List<String> problems;
        try {
            problems = after.get();
        } catch (RuntimeException e) {
            problems = List.of("a hook after the change failed: " + e);
        }
        problems.forEach(listener::hookFailed);
    }

    private static List<PackageId> ids(List<StatePackage> packages) {
        return packages.stream().map(StatePackage::id).toList();
    }

    @Override
    public VerifyReport verify(Collection<PackageName> names) {
        State state = state();
        List<StatePackage> chosen = names.isEmpty() ? state.packages() : UninstallPlan.installed(state, names);
        List<VerifyReport.PackageCheck> checks = new ArrayList<>();
        for (StatePackage p : chosen) {
            checks.add(InstalledFiles.check(p));
        }
        return new VerifyReport(checks);
    }

    @Override
    public State state() {
        return StateStore.read(home);
    }

    /** The lock, the state read under it, and the recovery done first; closing releases the lock. */
    private static final class Session implements AutoCloseable {
        final InstallLock lock;
        final State state;
        final HomeRecovery.Report recovery;

        private Session(InstallLock lock, State state, HomeRecovery.Report recovery) {
            this.lock = lock;
            this.state = state;
            this.recovery = recovery;
        }

        static Session open(Home home, InstallSettings settings, Duration timeout, InstallListener listener) {
            InstallLock lock = InstallLock.acquire(home, timeout, listener::waiting);
            try {
                State state = StateStore.read(home);
                Config d = Config.defaults(home);
                Config config = new Config(d.registry(), new Config.Storage(settings.installDir()), new Config.Cache(
                        settings.cacheDir()), d.network(), d.security(), d.hooks(), d.installer(), List.of());
                HomeRecovery.Report recovery = HomeRecovery.recover(home, config, state, lock);
                CacheLeftovers.remove(settings.cacheDir(), java.time.Instant.now());
                listener.recovered(recovery);
                return new Session(lock, state, recovery);
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        }

        @Override
        public void close() {
            lock.close();
        }
    }
}
