package io.cocoatly.plugin;

/**
 * A command a plugin adds: {@code cocoatly NAME ARGS…}. It is listed in {@code cocoatly --help}
 * with its description, gets the global options ({@code -q}, {@code -v}, {@code --color}) and
 * {@code --json} from Cocoatly, and follows its exit codes: {@code 0} for {@link CommandResult#ok},
 * {@code 1} for {@link CommandResult#negative}, and for a thrown
 * {@link io.cocoatly.model.CocoatlyException} the code of its kind (2 invalid input, 3 out of date,
 * 4 failed), printed as Cocoatly prints its own errors (or as the JSON envelope with {@code --json}).
 * Any other exception is reported as the plugin's failure, exit 4.
 *
 * <p>Plugins see this small interface rather than picocli's: a plugin then compiles against the
 * plugin API alone, cannot break when Cocoatly upgrades or replaces its parser, and every plugin
 * command gets the same {@code --json} envelope and exit codes without reimplementing them
 * ({@code docs/plugins.md}, "Why not picocli").
 */
public interface PluginCommand {

    /** The command's name, {@code [a-z0-9][a-z0-9-]*}: what follows {@code cocoatly} on the command line. */
    String name();

    /** One line for {@code cocoatly --help}. */
    String description();

    /**
     * The rest of {@code cocoatly NAME --help} after the usage line and the description: the
     * arguments and options the command takes, one per line. Empty by default.
     */
    default String help() {
        return "";
    }

    /**
     * Runs the command. In text mode it prints to {@link CommandInvocation#out()}; with {@code --json}
     * it prints nothing to {@code out} and returns its data, which Cocoatly writes as the envelope's
     * {@code data}.
     *
     * @throws io.cocoatly.model.CocoatlyException for a failure the user can act on (bad arguments:
     *     {@code ErrorKind.INVALID_INPUT})
     */
    CommandResult run(CommandInvocation invocation);
}
