package io.cocoatly.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What the cli knows of the terminal it prints to, and the global output choices of one run
 * ({@code -q}, {@code -v}, {@code --color}).
 *
 * <p>Whether stdout and stderr are terminals: Java 17 can only ask {@code System.console()}, which
 * looks at stdin and stdout together. On Linux the answer is read from {@code /proc/self/fd/1} and
 * {@code /proc/self/fd/2} (a terminal is a {@code /dev/pts/N} or {@code /dev/ttyN}); elsewhere both
 * are taken as terminals when {@code System.console()} exists. This keeps the launcher out of it,
 * so {@code java -cp ... io.cocoatly.cli.Main} behaves as {@code bin/cocoatly} does.
 *
 * <p>The width: {@code COLUMNS}, else {@code stty size} on {@code /dev/tty} (asked only when
 * something is drawn to fit, and once), else 80.
 *
 * <p>The choices are set while picocli parses the global options, after the commands exist (they
 * hold the {@link Context} from their construction), so they are the one mutable part; each is set
 * at most once per run, before any command runs.
 */
public final class Console {

    private static final int DEFAULT_WIDTH = 80;

    private final boolean stdoutTerminal;
    private final boolean stderrTerminal;
    private final Map<String, String> env;
    private final IntSupplier measureWidth;
    private volatile ColorChoice color = ColorChoice.AUTO;
    private volatile boolean quiet;
    private volatile boolean verbose;
    private volatile boolean noPlugins;
    private volatile int width;
    private volatile Busy liveLine;

    private Console(boolean stdoutTerminal, boolean stderrTerminal, Map<String, String> env, IntSupplier measureWidth) {
        this.stdoutTerminal = stdoutTerminal;
        this.stderrTerminal = stderrTerminal;
        this.env = Map.copyOf(env);
        this.measureWidth = measureWidth;
    }

    /** The real process's console: terminals as described above, width measured when needed. */
    public static Console detect(Map<String, String> env) {
        boolean console = System.console() != null;
        return new Console(isTerminal(1, console), isTerminal(2, console), env, Console::sttyWidth);
    }

    /**
     * A console with the given facts and no terminal to measure: the width is {@code COLUMNS}, else
     * 80. For tests and for embedding.
     */
    public static Console of(boolean stdoutTerminal, boolean stderrTerminal, Map<String, String> env) {
        return new Console(stdoutTerminal, stderrTerminal, env, () -> 0);
    }

    /**
     * The console of a client of the resident daemon ({@link Daemon}): the client says whether its
     * stdout and stderr are terminals and, if it measured it, the terminal's width (0 if not).
     */
    static Console ofClient(boolean stdoutTerminal, boolean stderrTerminal, Map<String, String> env, int width) {
        return new Console(stdoutTerminal, stderrTerminal, env, () -> width);
    }

    /** Whether stdout is a terminal (not a pipe or file). */
    public boolean stdoutIsTerminal() {
        return stdoutTerminal;
    }

    /** Whether stderr is a terminal: where progress is drawn. */
    public boolean stderrIsTerminal() {
        return stderrTerminal;
    }

    /** {@code -q}: errors only; no progress, warnings, status lines or summaries. */
    public boolean quiet() {
        return quiet;
    }

    /** {@code -v}: stack traces and details. */
    public boolean verbose() {
        return verbose;
    }

    /** The style of what is printed on stdout. */
    public Style out() {
        return colour(stdoutTerminal) ? Style.ANSI : Style.PLAIN;
    }

    /** The style of what is printed on stderr. */
    public Style err() {
        return colour(stderrTerminal) ? Style.ANSI : Style.PLAIN;
    }

    /**
     * The terminal's width in columns: {@code COLUMNS}, else {@code stty size} (on a terminal),
     * else 80.
     */
    public int width() {
        int w = width;
        if (w == 0) {
            w = columns().orElseGet(() -> {
                int measured = stderrTerminal || stdoutTerminal ? measureWidth.getAsInt() : 0;
                return measured > 0 ? measured : DEFAULT_WIDTH;
            });
            width = w;
        }
        return w;
    }

    /** {@code COLUMNS} when it holds a positive number, the one width a user or test can pin. */
    public OptionalInt columns() {
        try {
            String columns = env.get("COLUMNS");
            int w = columns == null ? 0 : Integer.parseInt(columns.trim());
            return w > 0 ? OptionalInt.of(w) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The status line being drawn, if any: {@link Context#warn} erases it before printing. */
    void liveLine(Busy busy) {
        this.liveLine = busy;
    }

    /** Erases the status line being drawn, if any, so that a line printed next starts clean. */
    void eraseLiveLine() {
        Busy busy = liveLine;
        if (busy != null) {
            busy.erase();
        }
    }

    /** {@code --no-plugins}: this run loads no plugin, the built-in shell hooks included. */
    public boolean noPlugins() {
        return noPlugins;
    }

    void noPlugins(boolean noPlugins) {
        this.noPlugins = noPlugins;
    }

    void quiet(boolean quiet) {
        this.quiet = quiet;
    }

    void verbose(boolean verbose) {
        this.verbose = verbose;
    }

    void color(ColorChoice color) {
        this.color = color;
    }

    /** {@code --color} wins; then {@code NO_COLOR}, then {@code FORCE_COLOR} (any non-empty value), then the terminal. */
    private boolean colour(boolean terminal) {
        switch (color) {
            case ALWAYS:
                return true;
            case NEVER:
                return false;
            default:
                if (!env.getOrDefault("NO_COLOR", "").isEmpty()) {
                    return false;
                }
                // As chalk and most tools read it: `0` and `false` do not force colour.
                String force = env.getOrDefault("FORCE_COLOR", "");
                return !(force.isEmpty() || force.equals("0") || force.equalsIgnoreCase("false")) || terminal;
        }
    }

    private static boolean isTerminal(int fd, boolean fallback) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return fallback;
        }
    }

    /** Columns of the controlling terminal by {@code stty size}, or 0 when there is none. */
    private static int sttyWidth() {
        try {
            Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (InputStream in = stty.getInputStream()) {
                String[] size = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
                if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0 || size.length != 2) {
                    stty.destroy();
                    return 0;
                }
                return Integer.parseInt(size[1]);
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
