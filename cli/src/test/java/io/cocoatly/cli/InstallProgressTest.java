package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Progress on a terminal is one redrawn line; through a pipe, plain lines; quiet, nothing. */
class InstallProgressTest {

    private static final PackageId A = PackageId.of("a", "1.0.0");

    private static String run(boolean interactive, boolean quiet) {
        StringWriter text = new StringWriter();
        InstallProgress p = new InstallProgress(new PrintWriter(text), interactive, quiet);
        p.started(A, 2048);
        p.progress(A, 1024, 2048);
        p.retried(A, 1, Duration.ofMillis(250), "HTTP 503");
        p.close();
        return text.toString();
    }

    @Test
    void aTerminalGetsARedrawnStatusLine() {
        String out = run(true, false);
        assertTrue(out.startsWith("\r[0/0] 0 B, "), out);
        assertTrue(out.contains(" a@1.0.0 0%"), out);
        assertTrue(out.contains("\rretrying a@1.0.0 in 250 ms (attempt 1 failed: HTTP 503)\n"), out);
    }

    @Test
    void aPipeGetsPlainLinesAndQuietGetsNothing() {
        assertEquals("retrying a@1.0.0 in 250 ms (attempt 1 failed: HTTP 503)\n", run(false, false));
        assertEquals("", run(true, true));
    }

    @Test
    void sizesAreHumanReadable() {
        assertEquals("999 B", InstallProgress.bytes(999));
        assertEquals("1.5 KiB", InstallProgress.bytes(1536));
        assertEquals("2.0 MiB", InstallProgress.bytes(2L << 20));
    }
}
