package io.cocoatly.cli;

import io.cocoatly.installer.DownloadedArtifact;
import io.cocoatly.installer.HomeRecovery;
import io.cocoatly.installer.InstallLock;
import io.cocoatly.installer.InstallListener;
import io.cocoatly.installer.InstallPlan;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Shows an install's progress on stderr: when stderr is a terminal, one status line
 * ({@link ProgressLine}) redrawn with {@code \r} at most every {@value #REDRAW_NANOS} ns and never
 * wider than the terminal; otherwise one plain line per event, with no {@code \r} and no escape
 * sequence; nothing with {@code -q} or {@code --json} (but see {@link #waiting}).
 */
final class InstallProgress implements InstallListener {

    /** At most ten frames a second: more only costs the terminal time and flickers. */
    static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean interactive;
    private final boolean quiet;
    private final IntSupplier width;
    private final LongSupplier clock;
    private Style style = Style.PLAIN;
    private long firstStart = -1;
    private final Map<PackageId, long[]> inFlight = new LinkedHashMap<>();
    private int total;
    private long totalBytes;
    private int done;
    private int cached;
    private long doneBytes;
    private int unpacked;
    private String lastUnpacked = "";
    private long lastDraw;
    private boolean drawn;
    private int drawnWidth;

    /** The progress of a command: on its stderr, quiet with {@code -q} or {@code json}. */
    InstallProgress(Context context, boolean json) {
        this(context.err(), context.interactive(), context.console().quiet() || json, context.console()::width,
                System::nanoTime);
        this.style = context.console().err();
    }

    /** Progress drawn at 80 columns unless the console says otherwise (tests). */
    InstallProgress(PrintWriter err, boolean interactive, boolean quiet) {
        this(err, interactive, quiet, () -> 80, System::nanoTime);
    }

    /**
     * @param width the terminal's width, asked only when a line is drawn
     * @param clock nanoseconds, as {@link System#nanoTime}; a fixed clock makes frames repeatable
     */
    InstallProgress(PrintWriter err, boolean interactive, boolean quiet, IntSupplier width, LongSupplier clock) {
        this.err = err;
        this.interactive = interactive;
        this.quiet = quiet;
        this.width = width;
        this.clock = clock;
    }

    // Shown in every mode, --quiet and --json included: a wait of up to
    // `installer.lock_timeout_seconds` with nothing on the screen looks like a hang, and stderr is
    // not the JSON document.
    @Override
    public synchronized void waiting(InstallLock.Waiting waiting) {
        if (interactive && drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
        }
        err.println(waiting.message());
        err.flush();
    }

    @Override
    public synchronized void recovered(HomeRecovery.Report report) {
        if (!quiet && !report.removed().isEmpty()) {
            line("cleaned up " + report.removed().size() + " leftover(s) of an interrupted run");
        }
        if (!quiet && !report.restored().isEmpty()) {
            line("put back " + report.restored().size() + " package(s) an interrupted reinstall had moved aside");
        }
        // A leftover that cannot be removed is worth a warning even when progress is not shown.
        for (HomeRecovery.Skipped s : report.skipped()) {
            close();
            err.println(style.warning() + s.message());
            err.flush();
        }
    }

    @Override
    public synchronized void planned(InstallPlan plan) {
        total = plan.fetches().size();
        totalBytes = plan.downloadBytes();
    }

    @Override
    public synchronized void started(PackageId id, long size) {
        // The rate counts from the first download, not from the lock, recovery and resolve before it.
        if (firstStart < 0) {
            firstStart = clock.getAsLong();
        }
        inFlight.put(id, new long[] {0, size});
        redraw();
    }

    @Override
    public synchronized void progress(PackageId id, long bytes, long size) {
        long[] p = inFlight.get(id);
        if (p != null) {
            p[0] = bytes;
        }
        redraw();
    }

    @Override
    public synchronized void retried(PackageId id, int attempt, Duration delay, String reason) {
        line("retrying " + id + " in " + delay.toMillis() + " ms (attempt " + attempt + " failed: " + reason + ")");
    }

    @Override
    public synchronized void finished(PackageId id, DownloadedArtifact artifact) {
        inFlight.remove(id);
        done++;
        if (artifact.fromCache()) {
            cached++;
        } else {
            doneBytes += artifact.size();
        }
        if (!interactive) {
            line((artifact.fromCache() ? "cached     " : "downloaded ") + id + " (" + bytes(artifact.size()) + ")");
        }
        redraw();
    }

    @Override
    public synchronized void failed(PackageId id, CocoatlyException error) {
        inFlight.remove(id);
    }

    @Override
    public synchronized void extracted(PackageId id, io.cocoatly.artifact.ExtractedPackage files) {
        unpacked++;
        lastUnpacked = id.toString();
        if (!interactive) {
            line("unpacked   " + id + " (" + files.files().size() + " files)");
        }
        redraw();
    }

    // Like a leftover that cannot be removed, shown even when progress is not (--json, -q): a plugin
    // or shell hook that failed after the change is news the user must see, and stderr is not the
    // JSON document.
    @Override
    public synchronized void hookFailed(String problem) {
        close();
        err.println(style.warning() + problem);
        err.flush();
    }

    /** Ends the status line so what follows starts on its own line. */
    synchronized void close() {
        if (interactive && !quiet && drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** The frame as it stands now. */
    synchronized ProgressLine frame() {
        long current = doneBytes;
        List<ProgressLine.Flight> flights = new ArrayList<>();
        for (Map.Entry<PackageId, long[]> e : inFlight.entrySet()) {
            current += e.getValue()[0];
            flights.add(new ProgressLine.Flight(e.getKey().toString(), e.getValue()[0], e.getValue()[1]));
        }
        long elapsed = firstStart < 0 ? 0 : clock.getAsLong() - firstStart;
        return new ProgressLine(done, total, cached, current, totalBytes, elapsed, flights,
                unpacked, lastUnpacked);
    }

    private void redraw() {
        if (!interactive || quiet) {
            return;
        }
        long now = clock.getAsLong();
        if (drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        drawn = true;
        lastDraw = now;
        String text = frame().render(width.getAsInt());
        err.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
        drawnWidth = text.length();
        err.flush();
    }

    private void line(String text) {
        if (quiet) {
            return;
        }
        close();
        err.println(text);
        err.flush();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
