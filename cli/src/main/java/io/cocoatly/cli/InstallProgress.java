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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows an install's progress on stderr: on a terminal one status line redrawn with {@code \r}
 * (packages done, bytes, speed, the downloads in flight); through a pipe one plain line per event;
 * nothing when quiet.
 */
final class InstallProgress implements InstallListener {

    private final PrintWriter err;
    private final boolean interactive;
    private final boolean quiet;
    private final long startNanos = System.nanoTime();
    private final Map<PackageId, long[]> inFlight = new ConcurrentHashMap<>();
    private volatile int total;
    private int done;
    private long doneBytes;
    private long lastDraw;
    private int drawnWidth;

    InstallProgress(PrintWriter err, boolean interactive, boolean quiet) {
        this.err = err;
        this.interactive = interactive;
        this.quiet = quiet;
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
            err.println("warning: " + s.message());
            err.flush();
        }
    }

    @Override
    public void planned(InstallPlan plan) {
        total = plan.fetches().size();
    }

    @Override
    public void started(PackageId id, long size) {
        inFlight.put(id, new long[] {0, size});
        redraw(false);
    }

    @Override
    public void progress(PackageId id, long bytes, long size) {
        long[] p = inFlight.get(id);
        if (p != null) {
            p[0] = bytes;
        }
        redraw(false);
    }

    @Override
    public synchronized void retried(PackageId id, int attempt, Duration delay, String reason) {
        line("retrying " + id + " in " + delay.toMillis() + " ms (attempt " + attempt + " failed: " + reason + ")");
    }

    @Override
    public synchronized void finished(PackageId id, DownloadedArtifact artifact) {
        inFlight.remove(id);
        done++;
        doneBytes += artifact.fromCache() ? 0 : artifact.size();
        if (!interactive) {
            line((artifact.fromCache() ? "cached     " : "downloaded ") + id + " (" + bytes(artifact.size()) + ")");
        }
        redraw(true);
    }

    @Override
    public synchronized void failed(PackageId id, CocoatlyException error) {
        inFlight.remove(id);
    }

    @Override
    public synchronized void extracted(PackageId id, io.cocoatly.artifact.ExtractedPackage files) {
        if (!interactive) {
            line("unpacked   " + id + " (" + files.files().size() + " files)");
        }
    }

    @Override
    public synchronized void hookFailed(String problem) {
        line("warning: " + problem);
    }

    /** Ends the status line so what follows starts on its own line. */
    synchronized void close() {
        if (interactive && !quiet && drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    private synchronized void redraw(boolean force) {
        if (!interactive || quiet) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        long current = doneBytes;
        StringBuilder flying = new StringBuilder();
        for (Map.Entry<PackageId, long[]> e : inFlight.entrySet()) {
            current += e.getValue()[0];
            if (flying.length() < 60) {
                flying.append(' ').append(e.getKey()).append(' ').append(percent(e.getValue())).append('%');
            }
        }
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        String text = String.format(Locale.ROOT, "[%d/%d] %s, %s/s%s", done, total, bytes(current),
                bytes((long) (current / seconds)), flying);
        err.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
        drawnWidth = text.length();
        err.flush();
    }

    private static long percent(long[] p) {
        return p[1] == 0 ? 100 : p[0] * 100 / p[1];
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
