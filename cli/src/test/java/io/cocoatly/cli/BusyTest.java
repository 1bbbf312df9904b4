package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A long resolve's status line: drawn on a terminal, erased before a warning and at the end;
 * nothing through a pipe, with {@code --json} or {@code -q}.
 */
class BusyTest {

    private final StringWriter err = new StringWriter();

    private Context context(boolean terminal) {
        return new Context(new PrintWriter(new StringWriter()), new PrintWriter(err), InputStream.nullInputStream(),
                Map.of("COLUMNS", "80", "NO_COLOR", "1"), Path.of("."), terminal);
    }

    @Test
    void aTerminalSeesTheLineWhichWarningsAndTheEndErase() throws InterruptedException {
        Context context = context(true);
        Busy busy = Busy.start(context, false, Busy.RESOLVING, 0, 5);
        try {
            while (!err.toString().contains("resolving dependencies |")) {
                Thread.sleep(5);
            }
            context.warn("left out");
            // The next tick draws the line again under the warning.
            while (!err.toString().matches("(?s).*left out\n\rresolving dependencies.*")) {
                Thread.sleep(5);
            }
        } finally {
            busy.close();
        }
        String text = err.toString();
        assertTrue(text.startsWith("\rresolving dependencies | "), text);
        assertTrue(text.matches("(?s).*\r +\rwarning: left out\n.*"), "erased before the warning: " + text);
        assertTrue(text.matches("(?s).*\r +\r"), "erased at the end: " + text);
        assertTrue(text.lines().allMatch(l -> l.length() < 80), text);
    }

    @Test
    void aPipeJsonAndQuietSeeNothing() {
        assertEquals("done", Busy.during(context(false), false, Busy.RESOLVING, () -> "done"));
        Busy json = Busy.start(context(true), true, Busy.RESOLVING, 0, 5);
        json.close();
        Context quiet = context(true);
        quiet.console().quiet(true);
        Busy.start(quiet, false, Busy.RESOLVING, 0, 5).close();
        assertEquals("", err.toString());
    }
}
