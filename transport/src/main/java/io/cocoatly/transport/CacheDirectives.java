package io.cocoatly.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a response said about caching it (RFC 9111): its {@code Cache-Control} directives that a
 * client cache needs, and its {@code Age}. A cache decides freshness from these and the time it
 * received the response; the {@code Date} header is not used, so a server's wrong clock does not
 * matter.
 *
 * @param maxAge  {@code max-age}, empty if absent (then the response is revalidated every time)
 * @param noCache {@code no-cache}: may be stored, but must be revalidated before each use
 * @param noStore {@code no-store}: must not be stored at all
 * @param age     the {@code Age} header: how long the response already sat in caches on the way
 */
public record CacheDirectives(Optional<Duration> maxAge, boolean noCache, boolean noStore, Duration age) {

    /** A response without any caching headers. */
    public static final CacheDirectives NONE = new CacheDirectives(Optional.empty(), false, false, Duration.ZERO);

    /** Checks that nothing is null or negative. */
    public CacheDirectives {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(age, "age");
        if (age.isNegative() || maxAge.map(Duration::isNegative).orElse(false)) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /**
     * How long after receipt the response stays fresh: {@code max-age} minus {@code Age}, zero when
     * {@code no-cache}, {@code no-store} or no {@code max-age} was sent.
     */
    public Duration freshFor() {
        if (noCache || noStore || maxAge.isEmpty()) {
            return Duration.ZERO;
        }
        Duration left = maxAge.get().minus(age);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
