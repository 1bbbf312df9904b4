package io.cocoatly.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Records every transport event as a line, progress apart; thread-safe. */
final class RecordingListener implements TransportListener {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());
    private volatile long maxProgress = -1;

    @Override
    public void callStart(GetRequest request) {
        lines.add("start " + request.url().getPath());
    }

    @Override
    public void responseHeaders(GetRequest request, int attempt, int status) {
        lines.add("headers #" + attempt + " " + status);
    }

    @Override
    public void bodyProgress(GetRequest request, int attempt, long bytes) {
        maxProgress = Math.max(maxProgress, bytes);
    }

    @Override
    public void staleConnectionReplaced(GetRequest request, int attempt, String reason) {
        lines.add("stale #" + attempt);
    }

    @Override
    public void retryScheduled(GetRequest request, int attempt, Duration delay, String reason) {
        delays.add(delay);
        lines.add("retry #" + attempt + " " + reason);
    }

    @Override
    public void callEnd(GetRequest request, GetOutcome outcome) {
        lines.add("end " + outcome.getClass().getSimpleName() + " attempts=" + outcome.attempts());
    }

    @Override
    public void callFailed(GetRequest request, TransportException error) {
        lines.add("failed " + error.code());
    }

    /** Every line but progress, in order. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Lines starting with {@code kind}. */
    List<String> only(String kind) {
        return lines().stream().filter(l -> l.startsWith(kind + " ")).collect(Collectors.toList());
    }

    List<Duration> retryDelays() {
        synchronized (delays) {
            return List.copyOf(delays);
        }
    }

    /** The highest byte count reported, or -1 if no progress came. */
    long maxProgress() {
        return maxProgress;
    }
}
