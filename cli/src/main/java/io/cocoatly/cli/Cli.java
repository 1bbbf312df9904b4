package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.project.LockCheck;
import io.cocoatly.project.LockfileOutOfDateException;
import io.cocoatly.project.UnsatisfiableException;
import io.cocoatly.model.SyntaxException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Builds the picocli command tree and runs it. The one place that maps exceptions to output and
 * exit codes: commands throw {@link CocoatlyException}s and return their exit code.
 */
public final class Cli {

    private Cli() {
    }

    /** Runs one invocation and returns its exit code; never calls {@code System.exit}. */
    public static int run(Context context, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return version(context);
        }
        try {
            // A name is a built-in command's, else a plugin's, else an executable's (docs/cli.md).
            java.util.Optional<Integer> plugin = PluginCommands.dispatch(context, args);
            if (plugin.isPresent()) {
                return plugin.get();
            }
            java.util.Optional<Integer> external = ExternalCommand.dispatch(context, args);
            if (external.isPresent()) {
                return external.get();
            }
        } catch (CocoatlyException e) {
            report(context, e, Arrays.asList(args).contains("--json"), false);
            return ExitCodes.forKind(e.kind());
        } finally {
            RunResources.closeAll(context);
        }
        CommandLine cli = commandLine(context, args);
        try {
            return cli.execute(args);
        } finally {
            RunResources.closeAll(context);
        }
    }

    /**
     * {@code --version} or {@code -V} alone, answered before picocli builds any model: most of its
     * start-up was that model (docs/performance-startup.md). The lines are {@link
     * CocoatlyCommand.VersionProvider}'s, which picocli prints when {@code --version} comes with
     * other options.
     */
    private static int version(Context context) {
        try {
            for (String line : new CocoatlyCommand.VersionProvider().getVersion()) {
                context.out().println(line);
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            return handle(context, e, false, context.console().verbose());
        }
    }

    static CommandLine commandLine(Context context, String... args) {
        CommandLine.IFactory factory = factory(context);
        CommandLine cli = new CommandLine(CommandModel.spec(CocoatlyCommand.class, factory), factory);
        addSubcommands(cli, factory, args);
        if (requestedCommand(args) == null) {
            // Top-level help lists the plugins' and external commands; computed only if printed.
            PluginHelp.addTo(cli, context);
        }
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpWidth(terminalWidth(context));
        // Named classes, not lambdas: a lambda implementing a picocli interface links that (Java 5)
        // interface when the start-up archive is dumped, which leaves it, and every picocli class
        // implementing it, out of the archive (docs/performance-startup.md).
        cli.setExecutionExceptionHandler(new ExecutionErrors(context));
        cli.setParameterExceptionHandler(new ParameterErrors(context));
        return cli;
    }

    /** What makes the commands' objects: their constructors take the run's {@link Context}. */
    static CommandLine.IFactory factory(Context context) {
        return new ContextFactory(context);
    }

    /**
     * Adds the subcommand the arguments name, with its whole model (read from {@link CommandModel}'s
     * description, not the annotations). When they name none (help, a typo) every command is added as
     * its name, aliases and description alone: all that picocli lists or suggests then, without
     * building any command's options (most of the start-up of {@code --help}, see
     * docs/performance-startup.md).
     */
    private static void addSubcommands(CommandLine cli, CommandLine.IFactory factory, String... args) {
        String requested = requestedCommand(args);
        Class<?> named = requested == null ? null : CocoatlyCommand.NAMES.get(requested);
        if (named == CompletionCommand.class) {
            // A completion script covers every command. A loop, not forEach(cli::addSubcommand): a
            // method reference to picocli links its (Java 5) CommandLine class when the start-up
            // archive is dumped, which then leaves it out of the archive (docs/performance-startup.md).
            for (Class<?> command : CocoatlyCommand.SUBCOMMANDS) {
                add(cli, CommandModel.spec(command, factory), factory);
            }
            return;
        }
        if (named != null) {
            add(cli, CommandModel.spec(named, factory), factory);
            return;
        }
        for (CommandSpec listed : CommandModel.listings(factory)) {
            add(cli, listed, factory); // no options, parameters or subcommands
        }
    }

    private static void add(CommandLine cli, CommandSpec command, CommandLine.IFactory factory) {
        cli.addSubcommand(command.name(), new CommandLine(command, factory));
    }

    /**
     * The command the arguments name: the first word that is no option, skipping the value of
     * {@code --color}; null when there is none (top-level help, {@code --version}).
     */
    static String requestedCommand(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(CocoatlyCommand.COLOR_OPTION)) {
                i++; // its value, which is not a command
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    /** Help's width: {@code COLUMNS} kept within 55..120, else 100 (help is not redrawn, so it never asks stty). */
    static int terminalWidth(Context context) {
        return Math.max(55, Math.min(context.console().columns().orElse(100), 120));
    }

    private static int handle(Context context, Exception ex, boolean json, boolean verbose) {
        if (ex instanceof UnsatisfiableException u) {
            ex = ResolveCommand.unsatisfiable(u.root(), u.resolution(), ExplanationJson.width(context));
        }
        if (ex instanceof CocoatlyException e) {
            report(context, e, json, verbose);
            return ExitCodes.forKind(e.kind());
        }
        CocoatlyException internal = new CocoatlyException(ErrorKind.INTERNAL, "internal",
                "internal error: " + ex, List.of("this is a bug in Cocoatly; run again with `--verbose` and report"
                + " the stack trace"), ex);
        report(context, internal, json, true);
        return ExitCodes.INTERNAL;
    }

    /**
     * Prints an error: the envelope on stdout with {@code --json}, else prose and hints on stderr.
     * An out-of-date lockfile lists its problems under the message, and as {@code error.problems}.
     */
    static void report(Context context, CocoatlyException e, boolean json, boolean verbose) {
        if (json) {
            Json.write(context.out(), e instanceof LockfileOutOfDateException stale
                    ? Envelope.failure(e, null, Map.of("problems", problemsJson(stale.problems())))
                    : Envelope.failure(e));
        } else {
            PrintWriter err = context.err();
            Style style = context.console().err();
            err.println(style.error() + e.getMessage());
            if (e instanceof SyntaxException s) {
                err.println(s.pointer());
            }
            if (e instanceof LockfileOutOfDateException stale) {
                stale.problems().forEach(p -> err.println("  " + p.message()));
            }
            for (String hint : e.hints()) {
                err.println(style.hint() + hint);
            }
        }
        if (verbose) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            cause.printStackTrace(context.err());
        }
        context.out().flush();
        context.err().flush();
    }

    /** Each problem as {@code {"code", "package", "message"}}, {@code package} null for the manifest. */
    private static List<Object> problemsJson(List<LockCheck.Problem> problems) {
        List<Object> list = new ArrayList<>();
        for (LockCheck.Problem p : problems) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", p.code());
            entry.put("package", p.subject().map(Object::toString).orElse(null));
            entry.put("message", p.message());
            list.add(entry);
        }
        return list;
    }

    private static boolean wantsJson(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--json")) {
                return true;
            }
        }
        return false;
    }

    /** Maps what a command throws to output and an exit code, through {@link #handle}. */
    private record ExecutionErrors(Context context) implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            return handle(context, ex, wantsJson(parseResult), context.console().verbose());
        }
    }

    /** Reports a command line picocli cannot parse as invalid input, as JSON when it asks for it. */
    private record ParameterErrors(Context context) implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] arguments) {
            boolean json = Arrays.asList(arguments).contains("--json");
            report(context, UsageErrors.of(ex), json, false);
            return ExitCodes.INVALID_INPUT;
        }
    }

    /** Lets picocli build commands whose constructor takes the {@link Context}. */
    private record ContextFactory(Context context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Context.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
