package io.cocoatly.plugin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a {@link PluginCommand}.
 *
 * @param args  the arguments after the command's name, with Cocoatly's own options taken out
 *              ({@code --json}, {@code -q}, {@code -v}, {@code --color WHEN}, {@code --no-plugins})
 *              wherever they are up to a {@code --}: what follows {@code --} is the command's,
 *              {@code --} included, so a command may take a {@code --json} of its own after it;
 *              {@code --help} and {@code -h} before {@code --} never reach the command
 * @param json  whether {@code --json} was given: print nothing to {@code out}, return the data
 * @param quiet whether {@code -q} was given: print errors only
 * @param out   standard output
 * @param err   standard error, for warnings and progress
 * @param cwd   the working directory, absolute
 * @param env   the environment
 * @param api   what the command may ask Cocoatly for
 */
public record CommandInvocation(List<String> args, boolean json, boolean quiet, PrintWriter out, PrintWriter err,
                                Path cwd, Map<String, String> env, CocoatlyApi api) {

    public CommandInvocation {
        args = List.copyOf(args);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(cwd, "cwd");
        env = Map.copyOf(env);
        Objects.requireNonNull(api, "api");
    }
}
