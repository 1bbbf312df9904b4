package io.cocoatly.cli;

import io.cocoatly.config.Config;
import io.cocoatly.config.ConfigHooks;
import io.cocoatly.plugin.Hook;
import io.cocoatly.plugin.LifecycleEvent;
import io.cocoatly.plugin.Plugin;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What {@code cocoatly plugins list} and {@code info} say about one plugin: the built-in
 * {@code shell-hooks} or a jar. A disabled jar is described from the directory listing alone (never
 * opened), so a broken jar that is disabled shows no problem.
 *
 * @param name          the plugin's name
 * @param builtIn       whether it is {@code shell-hooks}
 * @param enabled       whether {@code plugins.disabled} leaves it on
 * @param opened        whether its jar was opened to describe it (enabled, and not {@code --no-plugins})
 * @param version       the jar manifest's {@code Implementation-Version}
 * @param description   its providers' descriptions, joined
 * @param hooks         the hooks it implements ({@code on_pre_install}, ...), in pipeline order: the
 *                      methods of {@link Plugin} its providers override, or for {@code shell-hooks} the
 *                      hooks {@code config.json} sets
 * @param commands      the commands it adds, name to description, in its order
 * @param shellCommands for {@code shell-hooks}: each configured hook's command
 * @param problem       why it could not be loaded or described
 * @param path          the jar
 * @param size          the jar's size in bytes
 */
record PluginReport(String name, boolean builtIn, boolean enabled, boolean opened, Optional<String> version,
                    String description, List<String> hooks, Map<String, String> commands,
                    Map<String, List<String>> shellCommands, Optional<String> problem, Optional<Path> path,
                    OptionalLong size) {

    /** What {@code shell-hooks} is, for {@code plugins info}. */
    static final String SHELL_HOOKS_DESCRIPTION = "Runs the commands of the `hooks` section of the home's config.json.";

    PluginReport {
        hooks = List.copyOf(hooks);
        commands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(commands));
        shellCommands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shellCommands));
    }

    /** The built-in plugin, with the hooks {@code config} sets. */
    static PluginReport shellHooks(Config config, boolean enabled) {
        List<String> hooks = new ArrayList<>();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (ConfigHooks.Hook hook : ConfigHooks.Hook.values()) {
            config.hooks().command(hook).ifPresent(c -> {
                hooks.add(hook.key());
                commands.put(hook.key(), c);
            });
        }
        return new PluginReport(Plugins.SHELL_HOOKS, true, enabled, false, Optional.empty(),
                SHELL_HOOKS_DESCRIPTION, hooks, Map.of(), commands, Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    /**
     * A jar plugin: described from {@code loaded} when it was opened (enabled), else from its file alone.
     * What is wrong with its commands goes to {@code warnings}.
     */
    static PluginReport jar(PluginJar jar, boolean enabled, Optional<LoadedPlugin> loaded, List<String> warnings) {
        OptionalLong size;
        try {
            size = OptionalLong.of(Files.size(jar.path()));
        } catch (IOException e) {
            size = OptionalLong.empty();
        }
        if (loaded.isEmpty()) {
            return new PluginReport(jar.name(), false, enabled, false, Optional.empty(), "", List.of(), Map.of(), Map.of(),
                    Optional.empty(), Optional.of(jar.path()), size);
        }
        LoadedPlugin p = loaded.get();
        List<String> descriptions = new ArrayList<>();
        Set<String> hooks = new LinkedHashSet<>();
        Optional<String> problem = p.problem();
        for (Hook hook : Hook.values()) {
            for (Plugin provider : p.plugins()) {
                if (overrides(provider.getClass(), hook)) {
                    hooks.add(hook.key());
                }
            }
        }
        for (Plugin provider : p.plugins()) {
            try {
                String d = PluginThreads.withLoaderOf(provider, provider::description);
                if (d != null && !d.isBlank()) {
                    descriptions.add(d.strip());
                }
            } catch (RuntimeException | LinkageError e) {
                warnings.add("plugin `" + jar.name() + "`: its description cannot be read: " + e);
            }
        }
        Map<String, String> commands = new LinkedHashMap<>();
        for (PluginCommands.Owned owned : PluginCommands.commandsOf(p, warnings)) {
            String description;
            try {
                description = owned.command().description();
            } catch (RuntimeException | LinkageError e) {
                description = "";
            }
            commands.putIfAbsent(owned.command().name(), description == null ? "" : description.strip());
        }
        return new PluginReport(jar.name(), false, enabled, true, p.version(), String.join(" ", descriptions),
                new ArrayList<>(hooks), commands, Map.of(), problem, Optional.of(jar.path()), size);
    }

    /** Whether {@code type} overrides the method of {@code hook} ({@code on_pre_install} is {@code onPreInstall}). */
    static boolean overrides(Class<?> type, Hook hook) {
        try {
            Method m = type.getMethod(methodName(hook), LifecycleEvent.class);
            return m.getDeclaringClass() != Plugin.class;
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    /** {@code on_pre_install} → {@code onPreInstall}. */
    static String methodName(Hook hook) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : hook.key().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /** The state as the text output says it: {@code enabled}, {@code disabled}, with what kept it from loading. */
    String state() {
        if (!enabled) {
            return "disabled (not opened)";
        }
        if (problem.isPresent()) {
            return "enabled, failed to load";
        }
        return builtIn || opened ? "enabled" : "enabled (not opened: --no-plugins)";
    }

    /** The JSON form, as the {@code --json} data of {@code plugins list} and {@code info}. */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("built_in", builtIn);
        m.put("enabled", enabled);
        m.put("opened", opened);
        m.put("version", version.orElse(null));
        m.put("description", description);
        m.put("hooks", hooks);
        List<Object> list = new ArrayList<>();
        commands.forEach((n, d) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", n);
            c.put("description", d);
            list.add(c);
        });
        m.put("commands", list);
        if (builtIn) {
            m.put("shell_commands", shellCommands);
        }
        m.put("problem", problem.orElse(null));
        m.put("path", path.map(Path::toString).orElse(null));
        m.put("size", size.isPresent() ? size.getAsLong() : null);
        return m;
    }
}
