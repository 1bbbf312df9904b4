package io.cocoatly.solver.internal;

import io.cocoatly.model.Interruption;
import java.time.Duration;
import java.util.Optional;

/**
 * How long the solver may search: a wall-clock deadline checked between chunks of at most
 * {@code conflictsPerChunk} conflicts, never by a timer inside the solver. An interrupted thread
 * ({@link Interruption}) has spent its budget whatever the deadline: its search stops at the end of
 * the chunk, within milliseconds, and the caller then throws {@link Interruption#error()}.
 *
 * @param deadline {@link System#nanoTime()} past which no new chunk starts; {@link Long#MAX_VALUE}: none
 */
public record Budget(long deadline, int conflictsPerChunk) {

    /** Chunks small enough to notice a deadline within milliseconds, large enough to cost nothing. */
    static final int CHUNK = 20_000;

    /** No deadline: what most requests get, so it is made once. */
    private static final Budget UNLIMITED = new Budget(Long.MAX_VALUE, CHUNK);

    /** A budget starting now. */
    public static Budget of(Optional<Duration> timeout) {
        return timeout.isEmpty() ? UNLIMITED : new Budget(System.nanoTime() + timeout.get().toNanos(), CHUNK);
    }

    /** Whether no new chunk may start: the deadline has passed, or the thread was interrupted. */
    public boolean expired() {
        return Interruption.requested() || deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0;
    }
}
