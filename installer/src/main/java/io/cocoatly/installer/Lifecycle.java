package io.cocoatly.installer;

import io.cocoatly.model.PackageId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The positions in the install and uninstall pipeline where a front end runs its extensions, as
 * OkHttp's interceptors are positions in its call chain. The installer calls them and never loads
 * anything itself: the CLI adapts its plugins and the shell hooks of {@code config.json} to this
 * one interface ({@code docs/plugins.md}).
 *
 * <p>Called only for an operation that changes something (a no-op install calls none), each position
 * at most once per operation, from the thread running it:
 * <pre>
 *   install:   lock, recover, plan, fetch, stage, beforeInstall, commit, delete what went, afterInstall
 *   uninstall: lock, recover, plan, beforeUninstall, commit, delete, afterUninstall
 * </pre>
 * A {@code before*} that throws vetoes: the operation stops with that exception, the staging
 * directories are deleted, and the installation and {@code state.json} are as they were. An
 * {@code after*} cannot undo the change; what it returns is reported through
 * {@link InstallListener#hookFailed} as warnings.
 */
public interface Lifecycle {

    /** Runs nothing. */
    Lifecycle NONE = new Lifecycle() {
    };

    /**
     * {@code on_pre_install}: under the lock, with every changing package fetched, verified and
     * unpacked into staging, before anything of the installation changes.
     *
     * @param plan   the plan about to be committed; {@link InstallPlan#isNoOp()} is false
     * @param staged where each changing package's files are now (its staging directory); empty for an
     *               {@link ExternalInstaller}, which stages in its own process
     * @throws io.cocoatly.model.CocoatlyException to veto (nothing changes)
     */
    default void beforeInstall(InstallPlan plan, Map<PackageId, Path> staged) {
    }

    /**
     * {@code on_package_update} and {@code on_post_install}: after the commit and the deletion of what
     * the plan removed.
     *
     * @param plan      the plan executed
     * @param committed the state now recorded
     * @return problems to report as warnings (the change stands), empty when all went well
     */
    default List<String> afterInstall(InstallPlan plan, State committed) {
        return List.of();
    }

    /**
     * {@code on_pre_uninstall}: under the lock, before anything is removed.
     *
     * @param plan what goes; {@link UninstallPlan#gone()} is not empty
     * @throws io.cocoatly.model.CocoatlyException to veto (nothing changes)
     */
    default void beforeUninstall(UninstallPlan plan) {
    }

    /**
     * {@code on_post_uninstall}: after the commit and the deletion of the removed packages' files.
     *
     * @return problems to report as warnings (the change stands)
     */
    default List<String> afterUninstall(UninstallPlan plan, State committed) {
        return List.of();
    }
}
