package io.cocoatly.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cocoatly.config.ConfigEdit;
import io.cocoatly.config.ConfigEditor;
import io.cocoatly.config.ConfigEntry;
import io.cocoatly.config.ConfigLayers;
import io.cocoatly.config.ConfigOrigin;
import io.cocoatly.config.ConfigWarning;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cocoatly config}: shows the settings with their origins, and edits the configuration files. */
@Command(name = "config", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {"Show the settings with their origins, and set or unset one in a config file.",
            "set, unset and path edit the home's config.json (--global, the default) or the project's",
            ".cocoatly/config.json (--project)."},
        subcommands = {ConfigCommand.ListSettings.class, ConfigCommand.Get.class, ConfigCommand.Set.class,
            ConfigCommand.Unset.class, ConfigCommand.PathOf.class},
        footer = {"",
            "Examples:",
            "  cocoatly config list",
            "  cocoatly config get network.timeout_seconds",
            "  cocoatly config set network.timeout_seconds 60",
            "  cocoatly config set --project registry.url https://registry.example/team/",
            "  cocoatly config set cache.max_size 2GiB",
            "  cocoatly config unset cache.max_size",
            "  cocoatly config path --project",
            "",
            "See docs/config.md for every setting."})
final class ConfigCommand implements Runnable {

    private final Context context;

    @Spec
    CommandSpec spec;

    ConfigCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /** The layers of a command run here: the nearest project's, the environment, {@code --registry}. */
    private static ConfigLayers layers(Context context, String registry) {
        return CommandSettings.layers(context, ConfigScope.manifest(context), registry, new RemoteFlags());
    }

    /** {@code {"key", "value", "origin", "source"}}: the value as JSON, the origin's kind and name. */
    static Map<String, Object> entryJson(ConfigEntry entry, ConfigLayers layers) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", entry.key());
        json.put("value", jsonValue(entry.json()));
        json.put("origin", originKind(entry.origin(), layers));
        json.put("source", source(entry.origin()));
        return json;
    }

    private static Object jsonValue(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            // The config module wrote this text from a parsed value.
            throw new UncheckedIOException(e);
        }
    }

    /** {@code default}, {@code home}, {@code project}, {@code environment} or {@code flag}. */
    private static String originKind(ConfigOrigin origin, ConfigLayers layers) {
        if (origin instanceof ConfigOrigin.File f) {
            return f.file().equals(layers.home().configFile()) ? "home" : "project";
        }
        if (origin instanceof ConfigOrigin.Environment) {
            return "environment";
        }
        if (origin instanceof ConfigOrigin.Flag) {
            return "flag";
        }
        return "default";
    }

    // The file, the variable or the flag; null for a default.
    private static String source(ConfigOrigin origin) {
        if (origin instanceof ConfigOrigin.File f) {
            return f.file().toString();
        }
        return origin instanceof ConfigOrigin.Default ? null : origin.describe();
    }

    /** How text output names an origin: {@code default}, {@code home /h/config.json}, {@code environment COCOATLY_X}. */
    private static String originText(ConfigOrigin origin, ConfigLayers layers) {
        String source = source(origin);
        return originKind(origin, layers) + (source == null ? "" : " " + source);
    }

    private static void printWarnings(Context context, List<ConfigWarning> warnings) {
        warnings.forEach(w -> context.warn(w.text()));
    }

    private static List<String> warningTexts(List<ConfigWarning> warnings) {
        return warnings.stream().map(ConfigWarning::text).toList();
    }

    /** {@code cocoatly config list}. */
    @Command(name = "list", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Show every setting's effective value and where it comes from.",
                "The origin is default, home (config.json), project (.cocoatly/config.json of the nearest",
                "cocoatly.json), environment (COCOATLY_*) or flag. A password in a URL is shown as ***; tokens",
                "are never settings and never shown."},
            footer = {"",
                "Examples:",
                "  cocoatly config list",
                "  cocoatly config list --json",
                "  COCOATLY_NETWORK_RETRIES=5 cocoatly config list --registry ./registry",
                "",
                "Exit codes: 0 shown, 2 a configuration file or variable is invalid."})
    static final class ListSettings implements Callable<Integer> {

        private final Context context;

        @Option(names = CommandSettings.REGISTRY_FLAG, paramLabel = "DIR|URL",
                description = "Show the settings as a command given this --registry sees them.")
        String registry;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"settings\": [{\"key\", \"value\","
                + " \"origin\", \"source\"}], \"warnings\"}.")
        boolean json;

        ListSettings(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ConfigLayers layers = layers(context, registry);
            List<ConfigEntry> entries = layers.entries();
            List<ConfigWarning> warnings = layers.read().warnings();
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("settings", entries.stream().map(e -> entryJson(e, layers)).toList());
                data.put("warnings", warningTexts(warnings));
                Json.write(context.out(), Envelope.success(data));
                return ExitCodes.OK;
            }
            printWarnings(context, warnings);
            // Keys aligned; values vary too much (paths, arrays) to align the origins after them.
            int width = entries.stream().mapToInt(e -> e.key().length()).max().orElse(0);
            PrintWriter out = context.out();
            for (ConfigEntry e : entries) {
                out.println(e.key() + " ".repeat(width - e.key().length()) + " = " + e.json() + "  ("
                        + originText(e.origin(), layers) + ")");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code cocoatly config get KEY}. */
    @Command(name = "get", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Print the effective value of one setting.",
                "A string is printed as it is, anything else as JSON. A setting no layer sets prints its default;",
                "a key that is not a setting is invalid input."},
            footer = {"",
                "Examples:",
                "  cocoatly config get registry.url",
                "  cocoatly config get network.timeout_seconds --json",
                "",
                "Exit codes: 0 printed, 2 no such setting (with the closest one as a hint) or an invalid configuration."})
    static final class Get implements Callable<Integer> {

        private final Context context;

        @Parameters(index = "0", paramLabel = "KEY", description = "The setting, as section.key, e.g. network.retries.")
        String key;

        @Option(names = CommandSettings.REGISTRY_FLAG, paramLabel = "DIR|URL",
                description = "Show the value a command given this --registry sees.")
        String registry;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"key\", \"value\", \"origin\","
                + " \"source\", \"warnings\"}.")
        boolean json;

        Get(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ConfigLayers layers = layers(context, registry);
            ConfigEntry entry = layers.entry(key);
            List<ConfigWarning> warnings = layers.read().warnings();
            if (json) {
                Map<String, Object> data = entryJson(entry, layers);
                data.put("warnings", warningTexts(warnings));
                Json.write(context.out(), Envelope.success(data));
                return ExitCodes.OK;
            }
            printWarnings(context, warnings);
            Object value = jsonValue(entry.json());
            context.out().println(value instanceof com.fasterxml.jackson.databind.node.TextNode text ? text.textValue()
                    : entry.json());
            context.out().flush();
            return ExitCodes.OK;
        }
    }

    /** {@code cocoatly config set KEY VALUE}. */
    @Command(name = "set", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Set one setting in a configuration file.",
                "VALUE is read as the setting's environment variable is: text, a decimal integer, true or false,",
                "or JSON for arrays and null. The whole new file is checked first, and written atomically only if",
                "valid; other keys, unknown ones included, keep their place. A project may not set hooks.*,",
                "plugins.*, storage.*, cache.* or installer.command."},
            footer = {"",
                "Examples:",
                "  cocoatly config set network.timeout_seconds 60",
                "  cocoatly config set --project registry.url https://registry.example/team/",
                "  cocoatly config set security.checksum '[\"sha256\", \"blake3\"]'",
                "  cocoatly config set cache.max_age 30d",
                "",
                "Exit codes: 0 set (or already so), 2 no such setting, an invalid value or file, or --project outside",
                "a project, 4 the file cannot be written."})
    static final class Set implements Callable<Integer> {

        private final Context context;

        @Parameters(index = "0", paramLabel = "KEY", description = "The setting, as section.key, e.g. network.retries.")
        String key;

        @Parameters(index = "1", paramLabel = "VALUE", description = "Its value, as its COCOATLY_* variable takes it.")
        String value;

        @Mixin
        ConfigScope scope;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"file\", \"key\", \"before\","
                + " \"after\", \"written\"}.")
        boolean json;

        Set(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ConfigLayers layers = layers(context, null);
            ConfigEdit edit = scope.editor(context, layers.home(), "cocoatly config set").set(key, value);
            report(context, edit, json, edit.written() ? "set " + edit.key() + " = " + edit.after().orElseThrow() + " in "
                    + edit.file() : edit.key() + " is " + edit.after().orElseThrow() + " in " + edit.file() + " already");
            return ExitCodes.OK;
        }
    }

    /** {@code cocoatly config unset KEY}. */
    @Command(name = "unset", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Remove one setting from a configuration file.",
                "Its section goes too if nothing is left in it; a lower layer's value or the default applies.",
                "A key this version does not know may be removed too when the file has it."},
            footer = {"",
                "Examples:",
                "  cocoatly config unset network.timeout_seconds",
                "  cocoatly config unset --project registry.url",
                "",
                "Exit codes: 0 removed (or was not set), 2 no such setting, an invalid file, or --project outside a",
                "project, 4 the file cannot be written."})
    static final class Unset implements Callable<Integer> {

        private final Context context;

        @Parameters(index = "0", paramLabel = "KEY", description = "The setting, as section.key.")
        String key;

        @Mixin
        ConfigScope scope;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"file\", \"key\", \"before\","
                + " \"after\", \"written\"}.")
        boolean json;

        Unset(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ConfigLayers layers = layers(context, null);
            ConfigEdit edit = scope.editor(context, layers.home(), "cocoatly config unset").unset(key);
            report(context, edit, json, edit.written() ? "removed " + edit.key() + " from " + edit.file()
                    : edit.key() + " is not set in " + edit.file());
            return ExitCodes.OK;
        }
    }

    // The status line goes to stderr, as every command's does; stdout stays empty in text mode.
    private static void report(Context context, ConfigEdit edit, boolean json, String status) {
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("file", edit.file().toString());
            data.put("key", edit.key());
            data.put("before", edit.before().map(ConfigCommand::jsonValue).orElse(null));
            data.put("after", edit.after().map(ConfigCommand::jsonValue).orElse(null));
            data.put("written", edit.written());
            Json.write(context.out(), Envelope.success(data));
        } else {
            context.status(status);
        }
    }

    /** {@code cocoatly config path}. */
    @Command(name = "path", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = "Print the configuration file that `config set` and `config unset` edit.",
            footer = {"",
                "Examples:",
                "  cocoatly config path",
                "  cocoatly config path --project",
                "  $EDITOR \"$(cocoatly config path)\"",
                "",
                "Exit codes: 0 printed, 2 --project outside a project."})
    static final class PathOf implements Callable<Integer> {

        private final Context context;

        @Mixin
        ConfigScope scope;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"file\", \"scope\", \"exists\"}.")
        boolean json;

        PathOf(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ConfigLayers layers = layers(context, null);
            ConfigEditor editor = scope.editor(context, layers.home(), "cocoatly config path");
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("file", editor.file().toString());
                data.put("scope", scope.project ? "project" : "global");
                data.put("exists", Files.isRegularFile(editor.file()));
                Json.write(context.out(), Envelope.success(data));
            } else {
                context.out().println(editor.file());
                context.out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
