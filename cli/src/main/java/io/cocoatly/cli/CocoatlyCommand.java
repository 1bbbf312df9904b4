package io.cocoatly.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code cocoatly} command; it only groups the subcommands. */
@Command(name = "cocoatly", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        versionProvider = CocoatlyCommand.VersionProvider.class,
        description = {
            "A package manager whose resolver proves its answer optimal, and explains it when there is none.",
            ""},
        footer = {"", "Exit codes: 0 ok, 1 negative answer (e.g. unsatisfiable), 2 invalid input,",
            "3 lockfile out of date, 4 operation failed, 70 internal error.",
            "Run `cocoatly COMMAND --help` for a command's options and examples."})
final class CocoatlyCommand implements Runnable {

    /**
     * Every built-in command by its name and each of its aliases, in the order help lists them. A
     * table, not the {@code @Command} annotations: whether the first word of a command line is a
     * built-in, a plugin's or an external command's (decided on every run) then needs no reflection
     * over the annotations of 27 classes, each read through a proxy class the JDK generates at run
     * time (docs/performance-startup.md). {@code CommandNamesTest} checks that it says what the
     * annotations say.
     */
    static final Map<String, Class<?>> NAMES = ordered(List.of(
            Map.entry("semver", SemverCommand.class),
            Map.entry("init", InitCommand.class),
            Map.entry("add", AddCommand.class),
            Map.entry("remove", RemoveCommand.class),
            Map.entry("resolve", ResolveCommand.class),
            Map.entry("why", WhyCommand.class),
            Map.entry("check", CheckCommand.class),
            Map.entry("lock", LockCommand.class),
            Map.entry("update", UpdateCommand.class),
            Map.entry("tree", TreeCommand.class),
            Map.entry("outdated", OutdatedCommand.class),
            Map.entry("install", InstallCommand.class),
            Map.entry("uninstall", UninstallCommand.class),
            Map.entry("list", ListCommand.class),
            Map.entry("verify", VerifyCommand.class),
            Map.entry("search", SearchCommand.class),
            Map.entry("info", InfoCommand.class),
            Map.entry("keygen", KeygenCommand.class),
            Map.entry("publish", PublishCommand.class),
            Map.entry("yank", YankCommand.class),
            Map.entry("owner", OwnerCommand.class),
            Map.entry("login", LoginCommand.class),
            Map.entry("logout", LogoutCommand.class),
            Map.entry("config", ConfigCommand.class),
            Map.entry("cache", CacheCommand.class),
            Map.entry("daemon", DaemonCommand.class),
            Map.entry("plugins", PluginsCommand.class),
            Map.entry("registry", RegistryCommand.class),
            Map.entry("completion", CompletionCommand.class)));

    /**
     * The subcommands in the order help lists them. Not in the annotation: building a picocli model
     * reflects over every command, a quarter of a second for all of them at start-up, so {@link Cli}
     * adds only the one asked for.
     */
    static final List<Class<?>> SUBCOMMANDS = List.copyOf(new LinkedHashSet<>(NAMES.values()));

    // A list, not varargs: @SafeVarargs is kept at run time, and picocli, which reads the annotations
    // of every method of a command class, would make a proxy class for it on every start.
    private static Map<String, Class<?>> ordered(List<Map.Entry<String, Class<?>>> entries) {
        Map<String, Class<?>> map = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> e : entries) {
            if (map.put(e.getKey(), e.getValue()) != null) {
                throw new AssertionError("two built-in commands named " + e.getKey());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private final Context context;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    // The global options are inherited by every subcommand (picocli calls these setters of the
    // top-level command wherever they appear on the line) and land in the run's Console.

    /** {@code -q/--quiet}, global. */
    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print errors only: no progress, warnings, status lines or summaries.")
    void quiet(boolean quiet) {
        context.console().quiet(quiet);
    }

    /** {@code -v/--verbose}, global. */
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show stack traces and internal details on errors.")
    void verbose(boolean verbose) {
        context.console().verbose(verbose);
    }

    /** The global option that turns plugins off; {@link Cli} looks for it before parsing, for plugin commands. */
    static final String NO_PLUGINS_OPTION = "--no-plugins";

    /** {@code --no-plugins}, global. */
    @Option(names = NO_PLUGINS_OPTION, scope = ScopeType.INHERIT,
            description = "Run without plugins: no plugin hooks, no shell hooks, no plugin commands.")
    void noPlugins(boolean noPlugins) {
        context.console().noPlugins(noPlugins);
    }

    /** The one global option that takes a value, which {@link Cli} must not mistake for a command name. */
    static final String COLOR_OPTION = "--color";

    /** {@code --color WHEN}, global. */
    @Option(names = COLOR_OPTION, paramLabel = "WHEN", scope = ScopeType.INHERIT,
            description = "Colour: auto (on a terminal, unless NO_COLOR is set), always, never.")
    void color(ColorChoice color) {
        context.console().color(color);
    }

    CocoatlyCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        // Without a subcommand, show what there is to do.
        spec.commandLine().usage(context.out());
    }

    /** Reads the version stamped into the jar by the build. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = CocoatlyCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"cocoatly " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
