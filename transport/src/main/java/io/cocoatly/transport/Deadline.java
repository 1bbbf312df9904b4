package io.cocoatly.transport;

import java.time.Duration;
import java.util.Optional;

/**
 * When one get, every attempt and wait included, must be done: its grace period plus its size at
 * the minimum rate ({@link TransportOptions#deadline}), counted from the get's start; or never.
 * Each attempt gets what is left as OkHttp's call timeout, which spans connecting and reading the
 * whole body, so a server trickling one byte just inside the read timeout is cut off at the deadline.
 */
final class Deadline {

    private final long endNanos;
    private final boolean set;

    Deadline(Optional<Duration> total) {
        this.set = total.isPresent();
        this.endNanos = set ? System.nanoTime() + total.get().toNanos() : 0;
    }

    /** Whether the deadline has passed; never, if there is none. */
    boolean passed() {
        return set && System.nanoTime() - endNanos >= 0;
    }

    /** The time left, at least 1 ms, or empty if there is no deadline. */
    Optional<Duration> remaining() {
        return set ? Optional.of(Duration.ofNanos(Math.max(1_000_000, endNanos - System.nanoTime()))) : Optional.empty();
    }

    /** {@code delay}, or less if the deadline comes first. */
    Duration cap(Duration delay) {
        return remaining().filter(r -> r.compareTo(delay) < 0).orElse(delay);
    }
}
