package io.cocoatly.cli;

import io.cocoatly.config.Home;
import io.cocoatly.json.Typos;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.plugin.Plugin;
import io.cocoatly.plugin.PluginCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The commands plugins add ({@code add_cli_commands}), gathered from the loaded plugins of a run.
 * A name is taken by the first of: a built-in command, a plugin command, an executable
 * {@code cocoatly-NAME} ({@link ExternalCommand}). A plugin command named like a built-in is never
 * run; two plugins adding the same name is an error naming both when that name is run
 * ({@link #conflict}), since running either would be a guess.
 *
 * @param byName   every well-formed command name a plugin adds that no built-in has, sorted, with the
 *                 commands of that name in plugin order (more than one is a conflict)
 * @param problems the plugins that failed to load, as their problems say it (naming the plugin)
 * @param warnings what is wrong with the commands themselves: a built-in's name, a malformed name, an
 *                 {@code addCliCommands} that threw; each names its plugin
 */
record PluginCommands(Map<String, List<Owned>> byName, List<String> problems, List<String> warnings) {

    /** What a command's name must look like: as an external command's, so the two share one namespace. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * A command and the plugin that adds it.
     *
     * @param plugin the plugin's name (its jar's)
     */
    record Owned(String plugin, PluginCommand command) {
    }

    PluginCommands {
        byName = java.util.Collections.unmodifiableMap(new TreeMap<>(byName));
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** The commands of {@code plugins}' loaded (enabled) jars; loads them if not yet done. */
    static PluginCommands of(Plugins plugins) {
        Map<String, List<Owned>> byName = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (LoadedPlugin loaded : plugins.loaded()) {
            if (!loaded.ok()) {
                problems.add(loaded.problem().get());
                continue;
            }
            for (Owned owned : commandsOf(loaded, warnings)) {
                byName.computeIfAbsent(owned.command().name(), n -> new ArrayList<>()).add(owned);
            }
        }
        return new PluginCommands(byName, problems, warnings);
    }

    /**
     * The well-formed commands {@code loaded}'s providers add, in service-file order; what is wrong
     * with the others goes to {@code warnings}. A command named like a built-in is left out there.
     */
    static List<Owned> commandsOf(LoadedPlugin loaded, List<String> warnings) {
        List<Owned> owned = new ArrayList<>();
        for (Plugin plugin : loaded.plugins()) {
            List<PluginCommand> commands;
            try {
                commands = PluginThreads.withLoaderOf(plugin, plugin::addCliCommands);
            } catch (RuntimeException | LinkageError e) {
                warnings.add("plugin `" + loaded.name() + "`: its commands cannot be listed: " + e);
                continue;
            }
            for (PluginCommand c : commands == null ? List.<PluginCommand>of() : commands) {
                String name = c == null ? null : safeName(c);
                if (name == null || !NAME.matcher(name).matches()) {
                    warnings.add("plugin `" + loaded.name() + "` adds a command named `" + name + "`, which is not a"
                            + " command name ([a-z0-9][a-z0-9-]*): it is ignored");
                } else if (ExternalCommand.isBuiltIn(name)) {
                    warnings.add("plugin `" + loaded.name() + "` adds the command `" + name + "`, which is a built-in"
                            + " command: the built-in runs, never the plugin's");
                } else {
                    owned.add(new Owned(loaded.name(), c));
                }
            }
        }
        return owned;
    }

    private static String safeName(PluginCommand c) {
        try {
            return c.name();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Runs the plugin command {@code args} names, if it is one: the first word that is not one of
     * Cocoatly's own options names no built-in command, {@code --no-plugins} is not given, and an
     * enabled plugin adds a command of that name. Loads the plugins only then; a run whose home has
     * no plugin jar lists one directory and opens nothing.
     *
     * @return the exit code (4 with {@code plugin-conflict} when two plugins add the name), or empty
     *     when it is no plugin command (an external executable may be, else picocli reports an unknown
     *     command)
     */
    static Optional<Integer> dispatch(Context context, String... args) {
        String name = Cli.requestedCommand(args);
        if (name == null || !NAME.matcher(name).matches() || ExternalCommand.isBuiltIn(name)
                || java.util.Arrays.asList(args).contains(CocoatlyCommand.NO_PLUGINS_OPTION)) {
            return Optional.empty();
        }
        Home home = CommandSettings.home(context);
        List<PluginJar> jars = PluginJar.find(home);
        if (jars.isEmpty()) {
            return Optional.empty();
        }
        PluginInvocation invocation = PluginInvocation.parse(name, args);
        // -q must hold for the warnings below too, which come before picocli or the command parse the line.
        context.console().quiet(invocation.quiet());
        Plugins plugins = Plugins.of(home, PluginConfig.disabled(context), false);
        PluginCommands commands = of(plugins);
        PluginThreads.closeAtEnd(context, plugins.loaded());
        List<Owned> owners = commands.byName().getOrDefault(name, List.of());
        if (owners.isEmpty()) {
            // Fail closed is for changing operations; looking for a command just says what was skipped.
            commands.problems().forEach(context::warn);
            return typo(context, home, name, commands, invocation.json());
        }
        if (owners.size() > 1) {
            Cli.report(context, conflict(name, owners), invocation.json(), false);
            return Optional.of(ExitCodes.FAILED);
        }
        commands.problems().forEach(context::warn);
        return Optional.of(invocation.run(context, owners.get(0)));
    }

    /**
     * For a name that nothing has (no built-in, no plugin command, no executable) and whose nearest
     * command name is a plugin's: the unknown-command error picocli gives, with that command as the
     * hint, which picocli cannot know of. Empty otherwise: picocli reports it, or the executable runs.
     */
    private static Optional<Integer> typo(Context context, Home home, String name, PluginCommands commands,
                                          boolean json) {
        if (commands.byName().isEmpty() || ExternalCommand.find(context.env(), home, name).isPresent()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(commands.byName().keySet());
        names.addAll(CocoatlyCommand.NAMES.keySet());
        Optional<String> nearest = Typos.closest(name, names);
        if (nearest.isEmpty() || !commands.byName().containsKey(nearest.get())) {
            return Optional.empty();
        }
        Cli.report(context, new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "unknown command '" + name + "'",
                List.of("did you mean '" + nearest.get() + "'?", "run `cocoatly --help` for the commands")), json, false);
        return Optional.of(ExitCodes.INVALID_INPUT);
    }

    /** {@code plugin-conflict}: two or more plugins add {@code name}; names them all and how to settle it. */
    static CocoatlyException conflict(String name, List<Owned> owners) {
        List<String> plugins = owners.stream().map(Owned::plugin).distinct().sorted().toList();
        String who = plugins.size() == 1 ? "plugin `" + plugins.get(0) + "` adds the command `" + name + "` "
                + owners.size() + " times"
                : "plugins " + Typos.list(plugins) + (plugins.size() == 2 ? " both" : " all") + " add the command `"
                + name + "`";
        List<String> hints = new ArrayList<>();
        hints.add(plugins.size() == 1 ? "fix the plugin, or disable it: `cocoatly plugins disable " + plugins.get(0) + "`"
                : "disable all but one of them: " + String.join(" or ", plugins.stream()
                        .map(p -> "`cocoatly plugins disable " + p + "`").toList()));
        return new CocoatlyException(ErrorKind.FAILED, "plugin-conflict", who, hints);
    }
}
