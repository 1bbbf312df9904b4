package io.cocoatly.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code cocoatly} command; it only groups the subcommands. */
@Command(name = "cocoatly",
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
     * The subcommands in the order help lists them. Not in the annotation: building a picocli model
     * reflects over every command, a quarter of a second for all of them at start-up, so {@link Cli}
     * adds only the one asked for.
     */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
            SemverCommand.class,
            InitCommand.class,
            AddCommand.class,
            RemoveCommand.class,
            ResolveCommand.class,
            WhyCommand.class,
            CheckCommand.class,
            LockCommand.class,
            UpdateCommand.class,
            TreeCommand.class,
            OutdatedCommand.class,
            InstallCommand.class,
            UninstallCommand.class,
            ListCommand.class,
            VerifyCommand.class,
            SearchCommand.class,
            InfoCommand.class,
            KeygenCommand.class,
            PublishCommand.class,
            YankCommand.class,
            LoginCommand.class,
            LogoutCommand.class,
            ConfigCommand.class,
            CacheCommand.class,
            PluginsCommand.class,
            RegistryCommand.class,
            CompletionCommand.class);

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
