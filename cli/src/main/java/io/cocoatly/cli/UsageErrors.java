package io.cocoatly.cli;

import io.cocoatly.json.Typos;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns picocli's parse errors into one message in the docs' style: an unknown command or option
 * is named, with the nearest known one as a hint ({@code hint: did you mean 'install'?}), and
 * every usage error points at the command's {@code --help}. The same error whether printed or put
 * in the {@code --json} envelope (exit 2).
 */
final class UsageErrors {

    private UsageErrors() {
    }

    /** The error {@code ex} reports, as the cli prints it. */
    static CocoatlyException of(ParameterException ex) {
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        String help = "run `" + name + " --help` for usage";
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            boolean option = arg.startsWith("-") && unmatched.isUnknownOption();
            boolean subcommand = !option && !command.getSubcommands().isEmpty();
            if (option || subcommand) {
                List<String> hints = new ArrayList<>();
                String shown = option ? optionName(arg) : arg;
                nearest(command, shown, option).ifPresent(s -> hints.add("did you mean '" + s + "'?"));
                hints.add(subcommand ? "run `" + name + " --help` for the commands" : help);
                String what = option ? "option" : "command";
                return new CocoatlyException(ErrorKind.INVALID_INPUT, "usage",
                        "unknown " + what + " '" + shown + "'" + (subcommand && command.getParent() == null ? ""
                                : " for `" + name + "`"), hints);
            }
        }
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", ex.getMessage(), List.of(help));
    }

    /** The option's name without an attached value ({@code --regsitry=x} is {@code --regsitry}). */
    private static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
    }

    /**
     * The known subcommand or long option nearest to what was typed, if it is close enough to be a
     * typo (the rule of every "did you mean" in Cocoatly, {@link Typos#closest}); picocli's own
     * suggestions also offer names that share nothing but a few letters.
     */
    private static Optional<String> nearest(CommandLine command, String typed, boolean option) {
        if (!option) {
            return Typos.closest(typed, command.getSubcommands().keySet());
        }
        List<String> longOptions = command.getCommandSpec().optionsMap().keySet().stream()
                .filter(n -> n.startsWith("--")).toList();
        return Typos.closest(typed, longOptions);
    }
}
