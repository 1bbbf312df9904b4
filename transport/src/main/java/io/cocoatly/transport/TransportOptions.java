package io.cocoatly.transport;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * @param minBytesPerSecond with {@code deadlineGrace}, the deadline of a whole get, every attempt and
 *                       wait included: {@code deadlineGrace + maxBytes / minBytesPerSecond}
 *                       ({@code network.min_bytes_per_second}, default 4096; 0: no deadline). The
 *                       per-read {@code timeout} alone lets a server that sends one byte just inside
 *                       it hold a download for ever, as curl's {@code --speed-limit} guards against.
 * @param deadlineGrace  the time every deadline starts with, for connecting and the first bytes
 *                       ({@code network.deadline_grace_seconds}, default 60 s)
 * @param tokens         bearer tokens, each sent only to its own origin (see {@link BearerToken}): after a
 *                       {@code 401}, or from the first attempt of a {@link GetRequest#tokenFirst()} request.
 *                       The record's {@code toString} shows their origins only.
 */
public record TransportOptions(int maxConcurrent, Duration timeout, int retries, Duration initialBackoff,
                               Duration maxBackoff, Duration maxRetryAfter, Optional<URI> proxy,
                               long minBytesPerSecond, Duration deadlineGrace, List<BearerToken> tokens) {

    /** These options without tokens. */
    public TransportOptions(int maxConcurrent, Duration timeout, int retries, Duration initialBackoff,
                            Duration maxBackoff, Duration maxRetryAfter, Optional<URI> proxy,
                            long minBytesPerSecond, Duration deadlineGrace) {
        this(maxConcurrent, timeout, retries, initialBackoff, maxBackoff, maxRetryAfter, proxy, minBytesPerSecond,
                deadlineGrace, List.of());
    }

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
        if (minBytesPerSecond < 0) {
            throw new IllegalArgumentException("minBytesPerSecond must not be negative, got " + minBytesPerSecond);
        }
        for (Duration d : new Duration[] {timeout, initialBackoff, maxBackoff, maxRetryAfter, deadlineGrace}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative, got " + d);
            }
        }
        Objects.requireNonNull(proxy, "proxy");
        tokens = List.copyOf(tokens);
        proxy.ifPresent(p -> {
            String scheme = p.getScheme() == null ? "" : p.getScheme().toLowerCase(Locale.ROOT);
            if (!PROXY_SCHEMES.contains(scheme) || p.getHost() == null || p.getPort() < 0) {
                throw new IllegalArgumentException("a proxy is http://, https:// or socks5://host:port, got " + p);
            }
        });
    }

    /**
     * 8 at once, 30 s timeout, 3 retries, backoff from 250 ms up to 8 s, Retry-After up to 60 s, no
     * proxy, a deadline of 60 s plus the size at 4096 bytes/s.
     */
    public static TransportOptions defaults() {
        return new TransportOptions(8, Duration.ofSeconds(30), 3, Duration.ofMillis(250), Duration.ofSeconds(8),
                Duration.ofSeconds(60), Optional.empty(), 4096, Duration.ofSeconds(60), List.of());
    }

    /** The same options with another minimum rate (0: no deadline) and grace period. */
    public TransportOptions withMinRate(long bytesPerSecond, Duration grace) {
        return new TransportOptions(maxConcurrent, timeout, retries, initialBackoff, maxBackoff, maxRetryAfter, proxy,
                bytesPerSecond, grace, tokens);
    }

    /**
     * How long a get of at most {@code maxBytes} may take in all, or empty if there is no deadline.
     */
    public Optional<Duration> deadline(long maxBytes) {
        if (minBytesPerSecond == 0) {
            return Optional.empty();
        }
        long millis = maxBytes / minBytesPerSecond * 1000 + maxBytes % minBytesPerSecond * 1000 / minBytesPerSecond;
        return Optional.of(deadlineGrace.plusMillis(millis));
    }

    /** The same options with {@code n} calls at once. */
    public TransportOptions withMaxConcurrent(int n) {
        return new TransportOptions(n, timeout, retries, initialBackoff, maxBackoff, maxRetryAfter, proxy,
                minBytesPerSecond, deadlineGrace, tokens);
    }

    /** The same options with another per-attempt timeout. */
    public TransportOptions withTimeout(Duration d) {
        return new TransportOptions(maxConcurrent, d, retries, initialBackoff, maxBackoff, maxRetryAfter, proxy,
                minBytesPerSecond, deadlineGrace, tokens);
    }

    /** The same options with {@code n} retries after the first attempt. */
    public TransportOptions withRetries(int n) {
        return new TransportOptions(maxConcurrent, timeout, n, initialBackoff, maxBackoff, maxRetryAfter, proxy,
                minBytesPerSecond, deadlineGrace, tokens);
    }

    /** The same options with another backoff range (tests shorten it). */
    public TransportOptions withBackoff(Duration initial, Duration max) {
        return new TransportOptions(maxConcurrent, timeout, retries, initial, max, maxRetryAfter, proxy,
                minBytesPerSecond, deadlineGrace, tokens);
    }

    /** The same options with another cap on {@code Retry-After}. */
    public TransportOptions withMaxRetryAfter(Duration d) {
        return new TransportOptions(maxConcurrent, timeout, retries, initialBackoff, maxBackoff, d, proxy,
                minBytesPerSecond, deadlineGrace, tokens);
    }

    /** The same options with another proxy, or none. */
    public TransportOptions withProxy(Optional<URI> p) {
        return new TransportOptions(maxConcurrent, timeout, retries, initialBackoff, maxBackoff, maxRetryAfter, p,
                minBytesPerSecond, deadlineGrace, tokens);
    }

    /** The same options with {@code token} added; a token for the same origin replaces the earlier one. */
    public TransportOptions withToken(BearerToken token) {
        List<BearerToken> kept = new ArrayList<>();
        for (BearerToken t : tokens) {
            if (!t.origin().equals(token.origin())) {
                kept.add(t);
            }
        }
        kept.add(token);
        return new TransportOptions(maxConcurrent, timeout, retries, initialBackoff, maxBackoff, maxRetryAfter, proxy,
                minBytesPerSecond, deadlineGrace, kept);
    }

    /** The token for the origin of {@code url}, if there is one. */
    public Optional<BearerToken> tokenFor(URI url) {
        return tokens.stream().filter(t -> t.belongsTo(url)).findFirst();
    }
}
