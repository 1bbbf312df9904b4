package io.cocoatly.transport;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts: exponential backoff with "equal jitter" (half fixed, half random), so
 * many clients that failed together do not retry together, and the server's {@code Retry-After}.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final Duration maxRetryAfter;

    Backoff(TransportOptions options) {
        this.initial = options.initialBackoff();
        this.max = options.maxBackoff();
        this.maxRetryAfter = options.maxRetryAfter();
    }

    /** The wait after failed attempt {@code attempt} (1-based): the server's wish if any, else backoff. */
    Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration d = retryAfter.get();
            return d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d;
        }
        long base = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
        long half = base / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(base - half + 1));
    }

    /** A {@code Retry-After} value: delta-seconds or an HTTP-date; empty if absent or unreadable. */
    static Optional<Duration> parseRetryAfter(String value, ZonedDateTime now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
