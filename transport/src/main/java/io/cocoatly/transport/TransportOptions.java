package io.cocoatly.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link Transport} behaves ({@code network.*} in the configuration).
 *
 * @param maxConcurrent  calls at once, and connections kept per host ({@code network.max_concurrent_downloads},
 *                       default 8)
 * @param timeout        connect, read and write timeout of one attempt ({@code network.timeout_seconds}); a
 *                       stalled transfer fails after this much silence, not after this much total time
 * @param retries        further attempts after the first on a retryable failure ({@code network.retries}, default 3)
 * @param initialBackoff the first retry waits between half of this and this; each further retry doubles it
 * @param maxBackoff     the longest backoff before jitter
 * @param maxRetryAfter  the longest {@code Retry-After} honoured; longer waits are cut to this
 * @param proxy          every request goes through this proxy ({@code network.proxy}): {@code http://host:port}
 *                       (plain HTTP proxy), {@code https://host:port} (HTTP proxy reached over TLS) or
 *                       {@code socks5://host:port} (SOCKS 5, the proxy resolves host names); empty means direct
 */
public record TransportOptions(int maxConcurrent, Duration timeout, int retries, Duration initialBackoff,
                               Duration maxBackoff, Duration maxRetryAfter, Optional<URI> proxy) {

    /** The proxy schemes understood, as {@code docs/config.md} lists them. */
    public static final Set<String> PROXY_SCHEMES = Set.of("http", "https", "socks5");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a count or duration is out of range, or the proxy is not
     *                                  {@code http}, {@code https} or {@code socks5} with a host and a port
     */
    public TransportOptions {
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
            String scheme = p.getScheme() == null ? "" : p.getScheme().toLowerCase(Locale.ROOT);
            if (!PROXY_SCHEMES.contains(scheme) || p.getHost() == null || p.getPort() < 0) {
                throw new IllegalArgumentException("a proxy is http://, https:// or socks5://host:port, got " + p);
            }
        });
    }

    /** 8 at once, 30 s timeout, 3 retries, backoff from 250 ms up to 8 s, Retry-After up to 60 s, no proxy. */
    public static TransportOptions defaults() {
        return new TransportOptions(8, Duration.ofSeconds(30), 3, Duration.ofMillis(250), Duration.ofSeconds(8),
                Duration.ofSeconds(60), Optional.empty());
    }

    /** The same options with {@code n} calls at once. */
    public TransportOptions withMaxConcurrent(int n) {
        return new TransportOptions(n, timeout, retries, initialBackoff, maxBackoff, maxRetryAfter, proxy);
    }

    /** The same options with another per-attempt timeout. */
    public TransportOptions withTimeout(Duration d) {
        return new TransportOptions(maxConcurrent, d, retries, initialBackoff, maxBackoff, maxRetryAfter, proxy);
    }

    /** The same options with {@code n} retries after the first attempt. */
    public TransportOptions withRetries(int n) {
        return new TransportOptions(maxConcurrent, timeout, n, initialBackoff, maxBackoff, maxRetryAfter, proxy);
    }

    /** The same options with another backoff range (tests shorten it). */
    public TransportOptions withBackoff(Duration initial, Duration max) {
        return new TransportOptions(maxConcurrent, timeout, retries, initial, max, maxRetryAfter, proxy);
    }

    /** The same options with another cap on {@code Retry-After}. */
    public TransportOptions withMaxRetryAfter(Duration d) {
        return new TransportOptions(maxConcurrent, timeout, retries, initialBackoff, maxBackoff, d, proxy);
    }

    /** The same options with another proxy, or none. */
    public TransportOptions withProxy(Optional<URI> p) {
        return new TransportOptions(maxConcurrent, timeout, retries, initialBackoff, maxBackoff, maxRetryAfter, p);
    }
}
