package io.cocoatly.installer;

import io.cocoatly.artifact.ExtractedPackage;
import io.cocoatly.model.PackageId;

/**
 * Hears what an install, uninstall or verify does, step by step, so a front end can show progress;
 * the installer itself never prints. Download events ({@link DownloadListener}) arrive concurrently
 * from worker threads; the others come from the thread running the operation, in this order:
 * {@code waiting} (only if another process holds the lock), {@code recovered}, {@code planned},
 * downloads, {@code extracted} per package, {@code committed}, {@code removed} per removed package.
 * Implementations must be thread-safe and quick.
 */
public interface InstallListener extends DownloadListener {

    /** Ignores everything. */
    InstallListener NONE = new InstallListener() {
    };

    /** Another process holds the install lock; this one waits (called at most once). */
    default void waiting(InstallLock.Waiting waiting) {
    }

    /** Leftovers of an interrupted run were cleaned up (called even when nothing was removed). */
    default void recovered(HomeRecovery.Report report) {
    }

    /** The plan to execute, made from the state read under the lock. */
    default void planned(InstallPlan plan) {
    }

    /** A package is unpacked into staging, not yet in place. */
    default void extracted(PackageId id, ExtractedPackage files) {
    }

    /** The new state is committed: from here on it is what is installed. */
    default void committed(State state) {
    }

    /** A package's files are deleted (after the commit that dropped it). */
    default void removed(PackageId id) {
    }

    /**
     * A hook that runs after the change ({@code on_post_install}, {@code on_package_update},
     * {@code on_post_uninstall}) failed; the change itself stands.
     */
    default void hookFailed(String problem) {
    }
}
