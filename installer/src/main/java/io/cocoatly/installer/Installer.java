package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.config.Config;
import io.cocoatly.model.PackageName;
import java.util.Collection;
import java.util.Set;
import java.util.function.Function;

/**
 * Changes and inspects one installation (a home's {@code state.json} and its install directory).
 * {@link LocalInstaller} does the work in this process; {@link ExternalInstaller} hands each
 * operation to another program speaking the JSON protocol of {@code docs/ipc.md}. {@link #of}
 * picks the one {@code config.json} asks for, so the CLI never knows which it uses.
 *
 * <p>Every changing operation is atomic: it either commits a new {@code state.json} or leaves the
 * installation as it was, and errors are {@link io.cocoatly.model.CocoatlyException}s naming the
 * package and what failed.
 */
public interface Installer {

    /** What {@link #apply} would do now, without changing anything. */
    InstallPlan plan(InstallRequest request);

    /**
     * Makes the installation match the request's lockfile: downloads and verifies every needed
     * artifact, extracts, moves into place, commits the state, removes what the lockfile does not list.
     */
    InstallOutcome apply(InstallRequest request, InstallListener listener);

    /**
     * Decides what to install from the current state and applies it, as one change under the
     * installation's lock (with {@link LocalInstaller}): {@code decide} sees the state read under the
     * lock after recovery, so no other run's change can come between reading and committing, and
     * {@code hook} is called at the points its Javadoc names. How a global install adds a package
     * without losing one added by a concurrent run.
     *
     * @param decide turns the current state into the request to apply; may throw to refuse (nothing changes)
     */
    InstallOutcome apply(Function<State, InstallRequest> decide, CommitHook hook, InstallListener listener);

    /**
     * Removes every installed version of {@code names}.
     *
     * @param force also remove packages other installed packages depend on
     * @throws io.cocoatly.model.CocoatlyException {@code not-installed} for a name with no installed
     *     version, {@code has-dependents} (naming them) when another package needs one and not {@code force}
     */
    UninstallOutcome uninstall(Collection<PackageName> names, boolean force, InstallListener listener);

    /** {@link #uninstall(Collection, boolean, InstallListener)} calling {@code hook} at the points its Javadoc names. */
    default UninstallOutcome uninstall(Collection<PackageName> names, boolean force, CommitHook hook, InstallListener listener) {
        UninstallRequest request = UninstallRequest.of(Set.copyOf(names), force);
        return uninstall(state -> request, hook, listener);
    }

    /**
     * What {@link #uninstall(Function, CommitHook, InstallListener)} would remove now, from the state
     * as recorded (no lock taken, nothing changed): for {@code uninstall --dry-run}.
     *
     * @throws io.cocoatly.model.CocoatlyException as the uninstall would
     */
    default UninstallPlan planUninstall(UninstallRequest request) {
        return UninstallPlan.of(state(), request);
    }

    /**
     * Decides what to uninstall from the current state and removes it, as one change under the
     * installation's lock (with {@link LocalInstaller}), orphans included when the request asks:
     * {@code decide} runs right after {@code hook.locked}, as for {@link #apply(Function, CommitHook, InstallListener)}.
     *
     * @throws io.cocoatly.model.CocoatlyException as {@link UninstallPlan#of} refuses (nothing changes)
     */
    UninstallOutcome uninstall(Function<State, UninstallRequest> decide, CommitHook hook, InstallListener listener);

    /**
     * Re-hashes installed files against the lists recorded at install time.
     *
     * @param names the packages to check; empty: all
     * @throws io.cocoatly.model.CocoatlyException {@code not-installed} for a name with no installed version
     */
    VerifyReport verify(Collection<PackageName> names);

    /** What is installed. */
    State state();

    /**
     * The installer {@code config} selects: {@link ExternalInstaller} when {@code installer.command}
     * is set, else {@link LocalInstaller}.
     *
     * @param configHome the home {@code config} was read from (an external installer reads it too)
     * @param target     the installation: holds its {@code state.json}, lock and {@code tmp/}; the
     *                   config home itself for the global installation, {@code <project>/.cocoatly}
     *                   for a project
     * @param settings   where packages go ({@code installDir}) and how they are checked
     */
    static Installer of(Home configHome, Config config, Home target, InstallSettings settings) {
        if (config.installer().command().isPresent()) {
            return new ExternalInstaller(config.installer().command().get(), configHome, target, settings.installDir(),
                    settings.lifecycle());
        }
        return new LocalInstaller(target, settings);
    }
}
