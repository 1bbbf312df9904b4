package io.cocoatly.transport;

import java.time.Duration;
import java.util.Optional;

/**
 * One attempt failed in a way another attempt may not: connection errors, timeouts, truncated
 * bodies, 5xx, 408 and 429. Failures that would repeat are thrown as {@link TransportException} at
 * once instead. Checked, so every attempt site decides what a retry means.
 */
final class AttemptFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Optional<Duration> retryAfter;
    private final int status;

    /**
     * @param reason     short, for the retry event and the final message, e.g. {@code HTTP 503}
     * @param retryAfter the server's {@code Retry-After}, if it sent a usable one
     * @param status     the HTTP status, or -1 if none arrived
     */
    AttemptFailure(String reason, Optional<Duration> retryAfter, int status, Throwable cause) {
        super(reason, cause, false, false);
        this.retryAfter = retryAfter;
        this.status = status;
    }

    /** A failure without a status, e.g. a connection reset or a timeout. */
    static AttemptFailure of(String reason, Throwable cause) {
        return new AttemptFailure(reason, Optional.empty(), -1, cause);
    }

    String reason() {
        return getMessage();
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }

    int status() {
        return status;
    }
}
