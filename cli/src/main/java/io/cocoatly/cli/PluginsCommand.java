package io.cocoatly.cli;

import io.cocoatly.config.ConfigEdit;
import io.cocoatly.config.Home;
import io.cocoatly.json.Typos;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cocoatly plugins}: the plugins of the home ({@code <home>/plugins/NAME.jar} and the built-in
 * {@code shell-hooks}), what each does, and turning one on or off ({@code plugins.disabled} of the
 * home's {@code config.json}; a project's config may not, so a cloned repository cannot switch off a
 * policy plugin). A disabled plugin's jar is never opened, here either.
 */
@Command(name = "plugins", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {"Show, enable and disable plugins: <home>/plugins/*.jar and the built-in shell-hooks.",
            "A plugin's name is its jar's file name without .jar. Disabled plugins are listed but never opened;",
            "`--no-plugins` runs any command without plugins."},
        subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.Info.class, PluginsCommand.Enable.class,
            PluginsCommand.Disable.class},
        footer = {"",
            "Examples:",
            "  cocoatly plugins list",
            "  cocoatly plugins info audit --json",
            "  cocoatly plugins disable audit",
            "  cocoatly plugins enable shell-hooks",
            "",
            "See docs/plugins.md for writing a plugin."})
final class PluginsCommand implements Runnable {

    private final Context context;

    @Spec
    CommandSpec spec;

    PluginsCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /**
     * The plugins of this run's home: the settings (for {@code shell-hooks}), which are disabled,
     * every jar in name order, and the executables of external commands.
     */
    private record Survey(CommandSettings settings, Home home, Set<String> disabled, List<PluginJar> jars,
                          boolean off) {

        static Survey of(Context context, String command) {
            CommandSettings settings = CommandSettings.load(context, command, ConfigScope.manifest(context), null);
            Home home = settings.home();
            return new Survey(settings, home, PluginConfig.disabled(context), PluginJar.find(home),
                    context.console().noPlugins());
        }

        /** The names a plugin may be known by: the built-in's and the jars'. */
        List<String> names() {
            List<String> names = new ArrayList<>();
            names.add(Plugins.SHELL_HOOKS);
            jars.forEach(j -> names.add(j.name()));
            return names;
        }

        /** The report of the plugin {@code name}, opening its jar only if it is enabled (closed at the run's end). */
        PluginReport report(Context context, String name, List<String> warnings) {
            boolean enabled = !disabled.contains(name);
            if (name.equals(Plugins.SHELL_HOOKS)) {
                return PluginReport.shellHooks(settings.config(), enabled);
            }
            PluginJar jar = jars.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
            Optional<LoadedPlugin> loaded = enabled && !off ? Optional.of(LoadedPlugin.load(jar)) : Optional.empty();
            loaded.ifPresent(p -> PluginThreads.closeAtEnd(context, List.of(p)));
            return PluginReport.jar(jar, enabled, loaded, warnings);
        }

        /**
         * The plugin {@code typed} names.
         *
         * @param also names accepted besides the plugins there are (for {@code enable}: the disabled ones)
         * @throws CocoatlyException {@code unknown-plugin} (exit 2) with the nearest name as a hint
         */
        String require(String typed, Set<String> also) {
            Set<String> known = new LinkedHashSet<>(names());
            known.addAll(also);
            if (known.contains(typed)) {
                return typed;
            }
            List<String> hints = new ArrayList<>();
            Typos.closest(typed, known).ifPresent(n -> hints.add("did you mean `" + n + "`?"));
            hints.add("`cocoatly plugins list` shows the plugins there are");
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "unknown-plugin", "no plugin `" + typed + "`: it is not `"
                    + Plugins.SHELL_HOOKS + "` and there is no `" + typed + ".jar` in `" + home.pluginsDir() + "`", hints);
        }
    }

    /** {@code cocoatly plugins list}. */
    @Command(name = "list", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"List the plugins and the external commands.",
                "Each plugin with its state, version, the hooks it implements and the commands it adds; a plugin",
                "that fails to load with why; then the external commands (cocoatly-NAME executables)."},
            footer = {"",
                "Examples:",
                "  cocoatly plugins list",
                "  cocoatly plugins list --json",
                "",
                "Exit codes: 0 listed, 2 invalid configuration."})
    static final class ListPlugins implements Callable<Integer> {

        private final Context context;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"plugins\": [{\"name\", \"built_in\","
                + " \"enabled\", \"opened\", \"version\", \"description\", \"hooks\", \"commands\", \"problem\", \"path\","
                + " \"size\"}], \"external_commands\": [{\"name\", \"path\"}], \"warnings\"}.")
        boolean json;

        ListPlugins(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Survey survey = Survey.of(context, "cocoatly plugins list");
            List<String> warnings = new ArrayList<>();
            List<PluginReport> reports = new ArrayList<>();
            for (String name : survey.names()) {
                reports.add(survey.report(context, name, warnings));
            }
            warnings.addAll(conflicts(reports));
            Map<String, Path> external = ExternalCommand.all(context.env(), survey.home());
            // A plugin command hides an executable of its name: list the executable where it runs.
            reports.forEach(r -> r.commands().keySet().forEach(external::remove));
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("plugins", reports.stream().map(PluginReport::json).toList());
                List<Object> commands = new ArrayList<>();
                external.forEach((name, path) -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("name", name);
                    c.put("path", path.toString());
                    commands.add(c);
                });
                data.put("external_commands", commands);
                data.put("warnings", survey.settings().warningsAnd(warnings, true));
                Json.write(context.out(), Envelope.success(data));
                return ExitCodes.OK;
            }
            survey.settings().printWarnings(context);
            warnings.forEach(context::warn);
            PrintWriter out = context.out();
            for (PluginReport r : reports) {
                out.println(r.name() + (r.builtIn() ? " (built-in)" : r.version().map(v -> " " + v).orElse("")) + ": "
                        + r.state());
                if (!r.description().isEmpty() && !r.builtIn()) {
                    out.println("  " + r.description());
                }
                if (r.builtIn()) {
                    out.println("  hooks: " + (r.hooks().isEmpty() ? "none configured" : String.join(", ", r.hooks())));
                } else if (r.opened() && r.problem().isEmpty()) {
                    out.println("  hooks: " + (r.hooks().isEmpty() ? "none" : String.join(", ", r.hooks())));
                    out.println("  commands: " + (r.commands().isEmpty() ? "none" : String.join(", ", r.commands().keySet())));
                }
                r.problem().ifPresent(p -> out.println("  problem: " + p));
            }
            if (survey.jars().isEmpty()) {
                out.println("No plugin jars in " + survey.home().pluginsDir() + ".");
            }
            if (!external.isEmpty()) {
                out.println();
                out.println("External commands:");
                int width = external.keySet().stream().mapToInt(String::length).max().orElse(0);
                external.forEach((name, path) -> out.println("  " + name + " ".repeat(width - name.length() + 2) + path));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** A warning for each command that more than one enabled plugin adds: running it is {@code plugin-conflict}. */
    static List<String> conflicts(List<PluginReport> reports) {
        Map<String, List<String>> owners = new java.util.TreeMap<>();
        for (PluginReport r : reports) {
            if (r.enabled()) {
                r.commands().keySet().forEach(c -> owners.computeIfAbsent(c, k -> new ArrayList<>()).add(r.name()));
            }
        }
        List<String> warnings = new ArrayList<>();
        owners.forEach((command, plugins) -> {
            if (plugins.size() > 1) {
                warnings.add("plugins " + Typos.list(plugins) + " all add the command `" + command + "`: running it is an"
                        + " error until all but one are disabled");
            }
        });
        return warnings;
    }

    /** {@code cocoatly plugins info NAME}. */
    @Command(name = "info", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Show one plugin: its state, jar, hooks and commands, or why it fails to load.",
                "Its state, version, jar (path and size), description, the hooks it implements and the commands it",
                "adds, or why it fails to load. For shell-hooks, the command of each configured hook."},
            footer = {"",
                "Examples:",
                "  cocoatly plugins info audit",
                "  cocoatly plugins info shell-hooks --json",
                "",
                "Exit codes: 0 shown, 2 no such plugin or invalid configuration."})
    static final class Info implements Callable<Integer> {

        private final Context context;

        @Parameters(paramLabel = "NAME", description = "The plugin: its jar's name without .jar, or shell-hooks.")
        String name;

        @Option(names = "--json", description = "Print the JSON envelope: data = the plugin as `plugins list --json` shows"
                + " it, with \"shell_commands\" for shell-hooks, and \"warnings\".")
        boolean json;

        Info(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Survey survey = Survey.of(context, "cocoatly plugins info");
            List<String> warnings = new ArrayList<>();
            PluginReport r = survey.report(context, survey.require(name, Set.of()), warnings);
            if (json) {
                Map<String, Object> data = r.json();
                data.put("warnings", survey.settings().warningsAnd(warnings, true));
                Json.write(context.out(), Envelope.success(data));
                return ExitCodes.OK;
            }
            survey.settings().printWarnings(context);
            warnings.forEach(context::warn);
            PrintWriter out = context.out();
            out.println("name: " + r.name() + (r.builtIn() ? " (built-in)" : ""));
            out.println("state: " + r.state());
            if (!r.builtIn()) {
                out.println("version: " + r.version().orElse("-"));
                out.println("path: " + r.path().map(Path::toString).orElse("-"));
                out.println("size: " + (r.size().isPresent() ? InstallProgress.bytes(r.size().getAsLong()) : "-"));
            }
            out.println("description: " + (r.description().isEmpty() ? "-" : r.description()));
            if (r.builtIn()) {
                out.println("hooks:" + (r.hooks().isEmpty() ? " none configured (the `hooks` section of config.json)" : ""));
                r.shellCommands().forEach((hook, command) -> out.println("  " + hook + ": " + jsonLine(command)));
            } else if (r.opened() && r.problem().isEmpty()) {
                out.println("hooks: " + (r.hooks().isEmpty() ? "none" : String.join(", ", r.hooks())));
                out.println("commands:" + (r.commands().isEmpty() ? " none" : ""));
                int width = r.commands().keySet().stream().mapToInt(String::length).max().orElse(0);
                r.commands().forEach((n, d) -> out.println("  " + n + " ".repeat(width - n.length() + 2) + d));
            }
            r.problem().ifPresent(p -> out.println("problem: " + p));
            out.flush();
            return ExitCodes.OK;
        }

        private static String jsonLine(List<String> command) {
            try {
                return Json.mapper().writeValueAsString(command);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code cocoatly plugins enable NAME}. */
    @Command(name = "enable", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Enable a plugin: remove it from plugins.disabled in the home's config.json (atomically)."},
            footer = {"",
                "Examples:",
                "  cocoatly plugins enable audit",
                "  cocoatly plugins enable shell-hooks --json",
                "",
                "Exit codes: 0 enabled (or already), 2 no such plugin or invalid configuration,",
                "4 the config file cannot be written."})
    static final class Enable extends Toggle {
        Enable(Context context) {
            super(context, true);
        }
    }

    /** {@code cocoatly plugins disable NAME}. */
    @Command(name = "disable", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Disable a plugin: add it to plugins.disabled in the home's config.json (atomically).",
                "A disabled plugin's jar is not opened at all: its hooks and commands are gone until enabled again."},
            footer = {"",
                "Examples:",
                "  cocoatly plugins disable audit",
                "  cocoatly plugins disable shell-hooks --json",
                "",
                "Exit codes: 0 disabled (or already), 2 no such plugin or invalid configuration,",
                "4 the config file cannot be written."})
    static final class Disable extends Toggle {
        Disable(Context context) {
            super(context, false);
        }
    }

    /** What {@code enable} and {@code disable} share: the name, {@code --json}, and {@link #change}. */
    abstract static class Toggle implements Callable<Integer> {

        private final Context context;
        private final boolean enable;

        @Parameters(paramLabel = "NAME", description = "The plugin: its jar's name without .jar, or shell-hooks.")
        String name;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"name\", \"enabled\", \"written\", \"file\"}.")
        boolean json;

        Toggle(Context context, boolean enable) {
            this.context = context;
            this.enable = enable;
        }

        @Override
        public Integer call() {
            return change(context, name, enable, json);
        }
    }

    /** Enables or disables {@code typed}: a plugin there is, or (to enable) one the list names. */
    private static int change(Context context, String typed, boolean enable, boolean json) {
        String command = "cocoatly plugins " + (enable ? "enable" : "disable");
        Survey survey = Survey.of(context, command);
        String name = survey.require(typed, enable ? survey.disabled() : Set.of());
        // The file's own list: the environment's, which replaces it for this run, is not written back.
        Set<String> disabled = PluginConfig.homeDisabled(survey.home());
        boolean changed = enable ? disabled.remove(name) : disabled.add(name);
        if (context.env().containsKey("COCOATLY_PLUGINS_DISABLED")) {
            context.warn("COCOATLY_PLUGINS_DISABLED is set and replaces `" + PluginConfig.DISABLED
                    + "` of config.json while it is");
        }
        Path file = survey.home().configFile();
        if (changed) {
            ConfigEdit edit = PluginConfig.writeDisabled(survey.home(), disabled);
            file = edit.file();
        }
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", name);
            data.put("enabled", enable);
            data.put("written", changed);
            data.put("file", file.toString());
            Json.write(context.out(), Envelope.success(data));
        } else {
            String state = enable ? "enabled" : "disabled";
            context.status(changed ? state + " plugin `" + name + "` (" + PluginConfig.DISABLED + " in " + file + ")"
                    : "plugin `" + name + "` is " + state + " already");
        }
        return ExitCodes.OK;
    }
}
