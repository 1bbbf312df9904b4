package io.cocoatly.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

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
            RegistryCommand.class);

    private final Context context;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Show stack traces and internal details on errors.")
    boolean verbose;

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
