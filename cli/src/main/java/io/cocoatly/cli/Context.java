package io.cocoatly.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a command may touch of the outside world, passed in so tests run commands in-process
 * with captured output, a temp working directory and their own environment.
 *
 * @param console the terminal behind {@code out} and {@code err}, and the global output choices
 */
public record Context(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Path cwd,
                      Console console) {

    public Context {
        env = Map.copyOf(env);
    }

    /**
     * A context whose stdout and stderr are both terminals, or both not, per {@code interactive}
     * (the width from {@code COLUMNS}, else 80): what tests and embedders need.
     */
    public Context(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Path cwd,
                   boolean interactive) {
        this(out, err, in, env, cwd, Console.of(interactive, interactive, env));
    }

    /** Whether stderr is a terminal, where progress is redrawn in place rather than printed as lines. */
    public boolean interactive() {
        return console.stderrIsTerminal();
    }

    /** A path the user typed, taken relative to the working directory. */
    public Path path(String userPath) {
        return cwd.resolve(userPath).normalize();
    }

    /** Prints {@code warning: text} on stderr, unless {@code -q}. */
    public void warn(String text) {
        if (!console.quiet()) {
            synchronized (err) {
                console.eraseLiveLine();
                err.println(console.err().warning() + text);
                err.flush();
            }
        }
    }

    /** Prints a status line (such as {@code wrote cocoatly-lock.json}) on stderr, unless {@code -q}. */
    public void status(String text) {
        if (!console.quiet()) {
            synchronized (err) {
                console.eraseLiveLine();
                err.println(text);
                err.flush();
            }
        }
    }
}
