package io.cocoatly.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a command may touch of the outside world, passed in so tests run commands in-process
 * with captured output, a temp working directory and their own environment.
 *
 * @param interactive whether stdout is a terminal (progress bars, colour) rather than a pipe
 */
public record Context(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Path cwd,
                      boolean interactive) {

    public Context {
        env = Map.copyOf(env);
    }

    /** A path the user typed, taken relative to the working directory. */
    public Path path(String userPath) {
        return cwd.resolve(userPath).normalize();
    }
}
