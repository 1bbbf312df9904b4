package io.cocoatly.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A status line for work that may take more than a moment and has no steps to count (a resolve that
 * reads index files over HTTP, say): on a terminal, once the work has taken {@value #DELAY_MILLIS}
 * ms, {@code resolving dependencies | 1.4s} redrawn four times a second on stderr and erased when
 * the work ends; nothing otherwise (no terminal, {@code -q}, {@code --json}), since a plain line
 * saying a resolve started tells a log nothing the result does not.
 *
 * <p>Lines printed through {@link Context#warn} or {@link Context#status} meanwhile (a registry
 * entry left out, found while resolving) erase the status line first: it is registered with the
 * {@link Console}.
 */
final class Busy implements AutoCloseable {

    /** What a resolve shows. */
    static final String RESOLVING = "resolving dependencies";

    /** Work shorter than this shows nothing: a flash of text is noise. */
    static final long DELAY_MILLIS = 300;
    private static final long TICK_MILLIS = 250;
    private static final String SPINNER = "|/-\\";

    private final PrintWriter err;
    private final String what;
    private final Console console;
    private final long startNanos = System.nanoTime();
    private final Thread drawer;
    private int drawnWidth;
    private int frames;
    private boolean closed;

    private Busy(PrintWriter err, Console console, String what, long delayMillis, long tickMillis) {
        this.err = err;
        this.console = console;
        this.what = what;
        this.drawer = new Thread(() -> draw(delayMillis, tickMillis), "cocoatly-busy");
        drawer.setDaemon(true);
    }

    /**
     * Runs {@code work}, showing {@code what} while it runs if it takes a while and this is a
     * terminal; returns what it returns.
     */
    static <T> T during(Context context, boolean json, String what, Supplier<T> work) {
        try (Busy busy = start(context, json, what, DELAY_MILLIS, TICK_MILLIS)) {
            return work.get();
        }
    }

    /** The status line of {@code what}, drawn after {@code delayMillis} and every {@code tickMillis}. */
    static Busy start(Context context, boolean json, String what, long delayMillis, long tickMillis) {
        Busy busy = new Busy(context.err(), context.console(), what, delayMillis, tickMillis);
        if (context.interactive() && !context.console().quiet() && !json) {
            context.console().liveLine(busy);
            busy.drawer.start();
        }
        return busy;
    }

    private void draw(long delayMillis, long tickMillis) {
        try {
            Thread.sleep(delayMillis);
            while (true) {
                frame();
                Thread.sleep(tickMillis);
            }
        } catch (InterruptedException e) {
            // closed: the work is done.
        }
    }

    private void frame() {
        synchronized (err) {
            if (closed) {
                return;
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            String text = String.format(Locale.ROOT, "%s %c %.1fs", what, SPINNER.charAt(frames++ % SPINNER.length()),
                    seconds);
            int max = Math.max(1, console.width() - 1);
            text = text.length() > max ? text.substring(0, max) : text;
            err.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
            drawnWidth = text.length();
            err.flush();
        }
    }

    /** Erases the status line if it is drawn; the next tick draws it again. */
    void erase() {
        synchronized (err) {
            if (drawnWidth > 0) {
                err.print("\r" + " ".repeat(drawnWidth) + "\r");
                err.flush();
                drawnWidth = 0;
            }
        }
    }

    /** Stops drawing and erases the line. */
    @Override
    public void close() {
        synchronized (err) {
            closed = true;
        }
        drawer.interrupt();
        erase();
        console.liveLine(null);
    }
}
