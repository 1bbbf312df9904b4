package io.cocoatly.installer;

import io.cocoatly.model.PackageId;
import java.util.List;

/**
 * What a caller does under the installation's lock around one change, so that a record it keeps
 * beside {@code state.json} (the CLI's {@code global.json}) is read, decided and written while no
 * other run can change the installation. The installer knows nothing of what the caller records:
 * it only calls these at fixed points of {@link Installer#apply(java.util.function.Function, CommitHook,
 * InstallListener)} and {@link Installer#uninstall(java.util.Collection, boolean, CommitHook, InstallListener)}.
 *
 * <p>With the built-in {@link LocalInstaller} every call runs under the lock. An
 * {@link ExternalInstaller} cannot hold the lock across processes: it calls them in the same order
 * around its one request, but another run may change the installation in between (see
 * {@code docs/ipc.md}).
 *
 * <p>A hook that throws abandons the change when called before the commit (nothing is changed); a
 * throw from {@link #committed} is the caller's own failure after the change stands.
 */
public interface CommitHook {

    /** Does nothing: a change with nothing recorded beside the state. */
    CommitHook NONE = new CommitHook() {
    };

    /**
     * Runs first, after recovery, with the state read under the lock. For {@code apply} the
     * {@code decide} function is called right after it with the same state.
     */
    default void locked(State current) {
    }

    /**
     * Runs when everything is fetched, verified and staged, just before {@code state.json} is
     * replaced.
     *
     * @param next the packages the new state will record, sorted
     */
    default void beforeCommit(List<PackageId> next) {
    }

    /**
     * Runs right after {@code state.json} is committed (also when the plan changed nothing), before
     * an uninstall deletes the packages it removed; an install deletes what went first.
     *
     * @param committed the state now recorded
     */
    default void committed(State committed) {
    }
}
