package io.cocoatly.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How downloads behave ({@code network.*} in the configuration).
 *
 * @param maxConcurrent  artifacts downloaded at once ({@code network.max_concurrent_downloads}, default 8)
 * @param timeout        connect, read and write timeout of one attempt ({@code network.timeout_seconds}); a
 *                       stalled transfer fails after this much silence, not after this much total time
 * @param retries        further attempts after the first on a retryable failure ({@code network.retries}, default 3)
 * @param initialBackoff the first retry waits between half of this and this; each further retry doubles it
 * @param maxBackoff     the longest backoff before jitter
 * @param maxRetryAfter  the longest {@code Retry-After} honoured; longer waits are cut to this
 * @param proxy          an HTTP proxy as {@code http://host:port} ({@code network.proxy})
 */
public record DownloadOptions(int maxConcurrent, Duration timeout, int retries, Duration initialBackoff,
                              Duration maxBackoff, Duration maxRetryAfter, Optional<URI> proxy) {

    public DownloadOptions {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
        for (Duration d : new Duration[] {timeout, initialBackoff, maxBackoff, maxRetryAfter}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative, got " + d);
            }
        }
        Objects.requireNonNull(proxy, "proxy");
        proxy.ifPresent(p -> {
            if (p.getHost() == null || p.getPort() < 0) {
                throw new IllegalArgumentException("a proxy is http://host:port, got " + p);
            }
        });
    }

    /** 8 at once, 30 s timeout, 3 retries, backoff from 250 ms up to 8 s, Retry-After up to 60 s, no proxy. */
    public static DownloadOptions defaults() {
        return new DownloadOptions(8, Duration.ofSeconds(30), 3, Duration.ofMillis(250), Duration.ofSeconds(8),
                Duration.ofSeconds(60), Optional.empty());
    }

    public DownloadOptions withMaxConcurrent(int n) {
        return new DownloadOptions(n, timeout, retries, initialBackoff, maxBackoff, maxRetryAfter, proxy);
    }

    public DownloadOptions withTimeout(Duration d) {
        return new DownloadOptions(maxConcurrent, d, retries, initialBackoff, maxBackoff, maxRetryAfter, proxy);
    }

    public DownloadOptions withRetries(int n) {
        return new DownloadOptions(maxConcurrent, timeout, n, initialBackoff, maxBackoff, maxRetryAfter, proxy);
    }

    public DownloadOptions withBackoff(Duration initial, Duration max) {
        return new DownloadOptions(maxConcurrent, timeout, retries, initial, max, maxRetryAfter, proxy);
    }

    public DownloadOptions withMaxRetryAfter(Duration d) {
        return new DownloadOptions(maxConcurrent, timeout, retries, initialBackoff, maxBackoff, d, proxy);
    }

    public DownloadOptions withProxy(Optional<URI> p) {
        return new DownloadOptions(maxConcurrent, timeout, retries, initialBackoff, maxBackoff, maxRetryAfter, p);
    }
}
