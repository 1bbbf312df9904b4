package io.cocoatly.installer;

import io.cocoatly.config.Config;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How much of the download cache is kept after an install ({@code cache.max_size},
 * {@code cache.max_age}): entries unused for longer than {@code maxAge} go first, then the least
 * recently used until the entries take at most {@code maxSize} bytes. Entries in use are never removed.
 *
 * @param maxSize bytes of artifact entries to keep at most; empty for no limit
 * @param maxAge  the longest an entry is kept unused; empty for no limit
 */
public record CachePolicy(OptionalLong maxSize, Optional<Duration> maxAge) {

    /** Checks the fields. */
    public CachePolicy {
        Objects.requireNonNull(maxSize, "maxSize");
        Objects.requireNonNull(maxAge, "maxAge");
    }

    /** No limit: the default, under which nothing is evicted. */
    public static CachePolicy none() {
        return new CachePolicy(OptionalLong.empty(), Optional.empty());
    }

    /** The policy {@code cache.*} sets. */
    public static CachePolicy from(Config.Cache cache) {
        return new CachePolicy(cache.maxSize(), cache.maxAge());
    }

    /** Whether this policy sets no limit at all. */
    public boolean isNone() {
        return maxSize.isEmpty() && maxAge.isEmpty();
    }
}
