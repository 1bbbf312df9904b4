package io.cocoatly.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cocoatly completion bash|zsh|fish}: prints a shell completion script for every command
 * and option. Bash's is picocli's {@link AutoComplete}; zsh runs that same script through
 * {@code bashcompinit} (the script sets it up, as picocli documents); fish's is
 * {@link FishCompletion}'s. {@link Cli} builds the whole command tree only for this command.
 */
@Command(name = "completion", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash, zsh or fish on stdout.",
            "Completes every command, nested command and option, and the values of --color."},
        footer = {"", "Examples:",
            "  source <(cocoatly completion bash)                       # bash, this shell only",
            "  cocoatly completion bash > ~/.local/share/bash-completion/completions/cocoatly",
            "  cocoatly completion zsh > ~/.zfunc/cocoatly.zsh          # then source it from ~/.zshrc",
            "  cocoatly completion fish > ~/.config/fish/completions/cocoatly.fish",
            "", "Exit codes: 0 printed, 2 unknown shell."})
final class CompletionCommand implements Callable<Integer> {

    /** The shells a script is printed for. */
    enum Shell { BASH, ZSH, FISH }

    private final Context context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    CompletionCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        String script = shell == Shell.FISH ? FishCompletion.script(root)
                : AutoComplete.bash(root.name(), root.commandLine());
        context.out().print(script);
        context.out().flush();
        return ExitCodes.OK;
    }
}
