package io.cocoatly.cli;

import io.cocoatly.config.Home;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The plugins of one run: the jars of {@code <home>/plugins/} in their stable order (by name), which
 * of them are disabled ({@code plugins.disabled}), and, loaded once on first need, the enabled ones.
 * Finding them is one directory listing; nothing is opened until {@link #loaded()} is called, so a
 * run that reaches no hook and no plugin command pays nothing more. {@code --no-plugins} makes it
 * {@link #none()}.
 *
 * <p>The built-in {@code shell-hooks} plugin (the {@code hooks} section of {@code config.json}) is
 * not a jar; it obeys the same {@code plugins.disabled} and {@code --no-plugins} ({@link #enabled}).
 */
final class Plugins {

    /** The name of the built-in plugin that runs the shell hooks of {@code config.json}. */
    static final String SHELL_HOOKS = "shell-hooks";

    private final List<PluginJar> jars;
    private final Set<String> disabled;
    private final boolean off;
    private List<LoadedPlugin> loaded;

    private Plugins(List<PluginJar> jars, Set<String> disabled, boolean off) {
        this.jars = List.copyOf(jars);
        this.disabled = Set.copyOf(disabled);
        this.off = off;
    }

    /**
     * The plugins of {@code home}.
     *
     * @param disabled  the names {@code plugins.disabled} lists
     * @param noPlugins {@code --no-plugins}: none at all
     */
    static Plugins of(Home home, Set<String> disabled, boolean noPlugins) {
        return noPlugins ? none() : new Plugins(PluginJar.find(home), disabled, false);
    }

    /** No plugins, the built-in one included: {@code --no-plugins}. */
    static Plugins none() {
        return new Plugins(List.of(), Set.of(), true);
    }

    /** Whether this run runs without any plugin ({@code --no-plugins}). */
    boolean off() {
        return off;
    }

    /** Every jar found, disabled ones included, in name order; empty with {@code --no-plugins}. */
    List<PluginJar> jars() {
        return jars;
    }

    /** Whether the plugin {@code name} (a jar's or {@link #SHELL_HOOKS}) runs in this run. */
    boolean enabled(String name) {
        return !off && !disabled.contains(name);
    }

    /** The enabled jars, each loaded in its own class loader, in name order; loaded on the first call only. */
    synchronized List<LoadedPlugin> loaded() {
        if (loaded == null) {
            List<LoadedPlugin> list = new ArrayList<>();
            for (PluginJar jar : jars) {
                if (enabled(jar.name())) {
                    list.add(LoadedPlugin.load(jar));
                }
            }
            loaded = List.copyOf(list);
        }
        return loaded;
    }

    /**
     * Closes the class loaders of the jars loaded so far, loading nothing: what the end of an
     * in-process run (tests, embedders) does, so that no jar stays open.
     */
    synchronized void closeLoaded() {
        if (loaded == null) {
            return;
        }
        for (LoadedPlugin plugin : loaded) {
            if (!plugin.plugins().isEmpty()
                    && plugin.plugins().get(0).getClass().getClassLoader() instanceof java.net.URLClassLoader loader) {
                try {
                    loader.close();
                } catch (java.io.IOException e) {
                    // Nothing of this run needs it any more.
                }
            }
        }
    }
}
