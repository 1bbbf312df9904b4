package io.cocoatly.installer;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import java.time.Duration;

/**
 * Hears what downloads do, so a front end can draw progress; the library itself never prints. Each
 * artifact gets {@code started}, then any number of {@code progress} and {@code retried}, then
 * exactly one of {@code finished} or {@code failed}. Calls for different artifacts arrive
 * concurrently from worker threads; implementations must be thread-safe and quick.
 */
public interface DownloadListener {

    /** Ignores everything. */
    DownloadListener NONE = new DownloadListener() {
    };

    /** Work on the artifact begins; {@code size} bytes are expected. */
    default void started(PackageId id, long size) {
    }

    /** {@code bytes} of {@code size} have arrived in the current attempt. */
    default void progress(PackageId id, long bytes, long size) {
    }

    /** Attempt {@code attempt} failed with {@code reason}; the next starts after {@code delay}. */
    default void retried(PackageId id, int attempt, Duration delay, String reason) {
    }

    /** The artifact is verified and in the cache. */
    default void finished(PackageId id, DownloadedArtifact artifact) {
    }

    /** The artifact could not be fetched or failed verification; nothing of it was kept. */
    default void failed(PackageId id, CocoatlyException error) {
    }
}
