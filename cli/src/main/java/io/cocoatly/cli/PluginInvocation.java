package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.plugin.CommandInvocation;
import io.cocoatly.plugin.CommandResult;
import io.cocoatly.plugin.PluginCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One command line of a plugin command, with Cocoatly's own options taken out wherever they are
 * ({@code --json}, {@code -q}, {@code -v}, {@code --color WHEN}, {@code --no-plugins}, and
 * {@code -h}/{@code --help}, which Cocoatly answers itself), up to a {@code --}: what follows it is
 * the plugin's, {@code --} included, so a plugin can still be given a {@code --json} of its own.
 *
 * @param name  the command's name
 * @param args  what the plugin gets
 * @param color {@code --color}'s value as typed, if given
 */
record PluginInvocation(String name, List<String> args, boolean json, boolean quiet, boolean verbose, boolean help,
                        Optional<String> color) {

    PluginInvocation {
        args = List.copyOf(args);
    }

    /** The options of {@code args} (the whole command line), and the plugin's arguments. */
    static PluginInvocation parse(String name, String... args) {
        List<String> rest = new ArrayList<>();
        boolean json = false;
        boolean quiet = false;
        boolean verbose = false;
        boolean help = false;
        Optional<String> color = Optional.empty();
        boolean named = false;
        boolean theirs = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (theirs) {
                rest.add(a);
            } else if (a.equals("--")) {
                theirs = true;
                rest.add(a);
            } else if (!named && a.equals(name)) {
                named = true; // the command's own name, where Cli.requestedCommand found it
            } else if (a.equals("--json")) {
                json = true;
            } else if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.equals("-v") || a.equals("--verbose")) {
                verbose = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                help = true;
            } else if (a.equals(CocoatlyCommand.NO_PLUGINS_OPTION)) {
                continue; // never here: with it, no plugin command runs
            } else if (a.equals(CocoatlyCommand.COLOR_OPTION)) {
                color = Optional.of(i + 1 < args.length ? args[++i] : "");
            } else if (a.startsWith(CocoatlyCommand.COLOR_OPTION + "=")) {
                color = Optional.of(a.substring(CocoatlyCommand.COLOR_OPTION.length() + 1));
            } else {
                rest.add(a);
            }
        }
        return new PluginInvocation(name, rest, json, quiet, verbose, help, color);
    }

    /**
     * Runs {@code owned}'s command as this line asks, printing what it prints or the envelope of
     * its data, and returns the exit code. Never throws: every failure is reported here, as
     * {@link Cli} reports a built-in command's.
     */
    int run(Context context, PluginCommands.Owned owned) {
        Console console = context.console();
        console.quiet(quiet);
        console.verbose(verbose);
        try {
            color.ifPresent(c -> console.color(colorChoice(c)));
        } catch (CocoatlyException e) {
            Cli.report(context, e, json, false);
            return ExitCodes.INVALID_INPUT;
        }
        PluginCommand command = owned.command();
        if (help) {
            String usage;
            try {
                usage = PluginThreads.withLoaderOf(command, () -> usage(owned));
            } catch (RuntimeException | LinkageError e) {
                Cli.report(context, failed(owned, e), json, verbose);
                return ExitCodes.FAILED;
            }
            context.out().print(usage);
            context.out().flush();
            return ExitCodes.OK;
        }
        // With --json stdout holds the one envelope: whatever the command prints anyway goes to stderr.
        PrintWriter out = json ? context.err() : context.out();
        CommandInvocation invocation = new CommandInvocation(args, json, quiet, out, context.err(),
                context.cwd().toAbsolutePath().normalize(), context.env(), new PluginApi(context, name, json));
        CommandResult result;
        String envelope = null;
        try {
            // The command may write in the home (its API names it): marked as Cocoatly's first, where it can be.
            CommandSettings.home(context).markIfAdoptable();
            result = PluginThreads.withLoaderOf(command, () -> command.run(invocation));
            if (result == null) {
                throw new IllegalStateException("`run` returned null instead of a CommandResult");
            }
            if (json) {
                // Written to text first: data the envelope cannot hold is the plugin's failure, not half a document.
                envelope = Json.toString(Envelope.success(result.data()));
            }
        } catch (CocoatlyException e) {
            out.flush();
            Cli.report(context, e, json, verbose);
            return ExitCodes.forKind(e.kind());
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            out.flush();
            Cli.report(context, failed(owned, e), json, verbose);
            return ExitCodes.FAILED;
        }
        out.flush();
        if (envelope != null) {
            context.out().println(envelope);
            context.out().flush();
        }
        return result.negative() ? ExitCodes.NEGATIVE : ExitCodes.OK;
    }

    /** {@code plugin-failed}: the command threw something other than a {@code CocoatlyException}. */
    static CocoatlyException failed(PluginCommands.Owned owned, Throwable e) {
        return new CocoatlyException(ErrorKind.FAILED, "plugin-failed", "plugin `" + owned.plugin() + "` failed in `cocoatly "
                + owned.command().name() + "`: " + e, List.of("run again with `--verbose` for its stack trace",
                "report it to the plugin's authors, or turn it off: `cocoatly plugins disable " + owned.plugin() + "`"), e);
    }

    /** {@code cocoatly NAME --help}: built from the command's name, description and help, never by the plugin's code path. */
    static String usage(PluginCommands.Owned owned) {
        PluginCommand command = owned.command();
        StringBuilder text = new StringBuilder();
        text.append("Usage: cocoatly ").append(command.name()).append(" [ARGS]...\n");
        text.append(command.description() == null ? "" : command.description().strip()).append('\n');
        String help = command.help() == null ? "" : command.help().stripTrailing();
        if (!help.isEmpty()) {
            text.append('\n').append(help).append('\n');
        }
        text.append('\n');
        text.append("Cocoatly's options, anywhere before `--`: --json (one JSON envelope on stdout), -q, -v,\n");
        text.append("--color=WHEN, -h/--help.\n");
        text.append("Added by the plugin `").append(owned.plugin()).append("` (`cocoatly plugins info ")
                .append(owned.plugin()).append("`).\n");
        return text.toString();
    }

    private static ColorChoice colorChoice(String typed) {
        try {
            return ColorChoice.valueOf(typed.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "invalid value for `--color`: `" + typed + "`",
                    List.of("give auto, always or never"));
        }
    }
}
