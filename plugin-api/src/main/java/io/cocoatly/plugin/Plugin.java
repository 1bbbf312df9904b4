package io.cocoatly.plugin;

import java.util.List;

/**
 * A Cocoatly plugin, found by {@link java.util.ServiceLoader} in a jar in {@code <home>/plugins/}.
 * The plugin's name is its jar's file name without {@code .jar} ({@code audit.jar} is the plugin
 * {@code audit}): that is what {@code cocoatly plugins enable|disable|info} take, and it is known
 * without loading anything, so a disabled plugin is never loaded at all. A jar may hold several
 * implementations; they are one plugin and run in the order the service file lists them.
 *
 * <p>Every method has a default that does nothing, so a plugin overrides only the hooks it needs.
 * The hooks run on a thread of their own under a time limit ({@code plugins.timeout_seconds}); a
 * pre-hook that throws or overruns vetoes the operation, a post-hook that does is reported as a
 * warning. Hooks are called only for an operation that changes something: a no-op install calls
 * none.
 *
 * <p>Implementations need a public no-argument constructor ({@code ServiceLoader}'s rule) and must
 * not keep state between calls that matters for correctness: each run of {@code cocoatly} loads the
 * plugin afresh.
 */
public interface Plugin {

    /** One line about the plugin, for {@code cocoatly plugins list}; empty by default. */
    default String description() {
        return "";
    }

    /**
     * {@code on_pre_install}: under the installation's lock, with every package to install, update or
     * reinstall downloaded, verified and unpacked into staging, and nothing of the installation
     * changed yet. Returning {@link Verdict#veto} stops the operation: nothing is changed, and
     * Cocoatly exits 4 naming this plugin and the message.
     */
    default Verdict onPreInstall(LifecycleEvent event) {
        return Verdict.proceed();
    }

    /** {@code on_post_install}: after the new state is committed; the change stands whatever happens here. */
    default void onPostInstall(LifecycleEvent event) {
    }

    /**
     * {@code on_pre_uninstall}: under the lock, before anything is removed. Returning
     * {@link Verdict#veto} stops the uninstall with nothing changed.
     */
    default Verdict onPreUninstall(LifecycleEvent event) {
        return Verdict.proceed();
    }

    /** {@code on_post_uninstall}: after the removal is committed and the files are deleted. */
    default void onPostUninstall(LifecycleEvent event) {
    }

    /**
     * {@code on_package_update}: after the commit of an install that changed the version of installed
     * packages; the event lists only those ({@link PackageChange.Kind#UPDATE}). Called before
     * {@link #onPostInstall} of the same operation.
     */
    default void onPackageUpdate(LifecycleEvent event) {
    }

    /**
     * {@code add_cli_commands}: the commands this plugin adds to {@code cocoatly}. Called when the
     * command line names no built-in command and for {@code cocoatly --help}; a name that a built-in
     * command has is ignored with a warning, and two plugins adding the same name is an error naming
     * both when that name is run.
     */
    default List<PluginCommand> addCliCommands() {
        return List.of();
    }
}
