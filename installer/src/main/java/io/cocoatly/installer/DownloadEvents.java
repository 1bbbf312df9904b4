package io.cocoatly.installer;

import io.cocoatly.model.PackageId;
import io.cocoatly.transport.GetRequest;
import io.cocoatly.transport.TransportListener;
import java.time.Duration;

/** Passes one artifact's transport events on as {@link DownloadListener} progress and retries. */
final class DownloadEvents implements TransportListener {

    private final PackageId id;
    private final long size;
    private final DownloadListener listener;

    DownloadEvents(PackageId id, long size, DownloadListener listener) {
        this.id = id;
        this.size = size;
        this.listener = listener;
    }

    @Override
    public void bodyProgress(GetRequest request, int attempt, long bytes) {
        listener.progress(id, bytes, size);
    }

    @Override
    public void retryScheduled(GetRequest request, int attempt, Duration delay, String reason) {
        listener.retried(id, attempt, delay, reason);
    }
}
