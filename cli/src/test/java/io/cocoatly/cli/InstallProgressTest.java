package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import io.cocoatly.testkit.GoldenFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Progress on a terminal is one redrawn line, rate limited and never wider than the terminal;
 * through a pipe, plain lines; quiet, nothing. Frames are pinned at 80 and 40 columns with a fixed
 * clock.
 */
class InstallProgressTest {

    private static final PackageId A = PackageId.of("a", "1.0.0");
    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);

    private String run(boolean interactive, boolean quiet) {
        StringWriter text = new StringWriter();
        InstallProgress p = new InstallProgress(new PrintWriter(text), interactive, quiet, () -> 80, clock::get);
        p.started(A, 2048);
        clock.addAndGet(150 * MS);
        p.progress(A, 1024, 2048);
        clock.addAndGet(10 * MS);
        p.progress(A, 1536, 2048);
        p.retried(A, 1, Duration.ofMillis(250), "HTTP 503");
        p.close();
        return text.toString();
    }

    @Test
    void aTerminalGetsARedrawnStatusLineAtMostTenTimesASecond() {
        // The third event comes 10 ms after the second: not drawn.
        assertEquals("\r[0/0] a@1.0.0 0%"
                + "\r[0/0] a@1.0.0 50%"
                + "\r" + " ".repeat(17) + "\r"
                + "retrying a@1.0.0 in 250 ms (attempt 1 failed: HTTP 503)\n", run(true, false));
    }

    @Test
    void aPipeGetsPlainLinesAndQuietGetsNothing() {
        String plain = run(false, false);
        assertEquals("retrying a@1.0.0 in 250 ms (attempt 1 failed: HTTP 503)\n", plain);
        assertFalse(plain.contains("\r") || plain.contains("\u001b"));
        assertEquals("", run(true, true));
    }

    /** Frames of one install, from the first download to unpacking, at 80 and 40 columns. */
    @Test
    void framesFitTheirWidth() {
        List<ProgressLine> frames = List.of(
                new ProgressLine(0, 5, 0, 0, 1_250_000, 100 * MS, List.of(new ProgressLine.Flight("a@1.0.0", 0, 250_000)),
                        0, ""),
                new ProgressLine(2, 5, 1, 600_000, 1_250_000, 1_500 * MS, List.of(
                        new ProgressLine.Flight("a-rather-long-package-name@12.40.3", 120_000, 250_000),
                        new ProgressLine.Flight("b@2.0.0", 30_000, 300_000),
                        new ProgressLine.Flight("c@0.1.0-beta.2", 0, 0)), 0, ""),
                new ProgressLine(4, 5, 1, 1_200_000, 1_250_000, 120_000 * MS,
                        List.of(new ProgressLine.Flight("e@3.0.0", 40_000, 90_000)), 0, ""),
                new ProgressLine(5, 5, 5, 0, 0, 300 * MS, List.of(), 0, ""),
                new ProgressLine(5, 5, 1, 1_250_000, 1_250_000, 2_000 * MS, List.of(), 3,
                        "a-rather-long-package-name@12.40.3"));
        for (int width : new int[] {80, 40}) {
            StringBuilder golden = new StringBuilder();
            for (ProgressLine frame : frames) {
                String line = frame.render(width);
                assertTrue(line.length() <= width - 1, line);
                golden.append('|').append(line).append("|\n");
            }
            GoldenFile.assertMatches("progress/frames-" + width, golden.toString());
        }
    }

    @Test
    void durationsAndSizesAreHumanReadable() {
        assertEquals("9s", ProgressLine.duration(9));
        assertEquals("1m05s", ProgressLine.duration(65));
        assertEquals("2h03m", ProgressLine.duration(7380));
        assertEquals("999 B", InstallProgress.bytes(999));
        assertEquals("1.5 KiB", InstallProgress.bytes(1536));
        assertEquals("2.0 MiB", InstallProgress.bytes(2L << 20));
    }
}
