package io.cocoatly.transport;

import java.time.Duration;

/**
 * Hears what a {@link Transport#get} does, as paired events in the manner of OkHttp's
 * {@code EventListener}, so a caller can draw progress, log or count without the transport
 * printing anything. For one get the order is:
 *
 * <pre>
 * callStart
 *   ( [responseHeaders] bodyProgress* [staleConnectionReplaced ...]  retryScheduled )*   failed attempts
 *   [responseHeaders] bodyProgress*                                                     the last attempt
 * callEnd | callFailed                                                                   exactly one
 * </pre>
 *
 * {@code responseHeaders} comes only for HTTP, once per attempt that got a status line. Events of
 * different calls may arrive concurrently from different threads; implementations must be
 * thread-safe and quick, and must not throw.
 */
public interface TransportListener {

    /** Ignores everything. */
    TransportListener NONE = new TransportListener() {
    };

    /** The get begins; nothing has been sent yet. */
    default void callStart(GetRequest request) {
    }

    /** Attempt {@code attempt} (1-based) received a status line and headers with {@code status}. */
    default void responseHeaders(GetRequest request, int attempt, int status) {
    }

    /** {@code bytes} of the body have been written to the target in attempt {@code attempt}. */
    default void bodyProgress(GetRequest request, int attempt, long bytes) {
    }

    /**
     * A connection reused from the pool turned out closed by the server before it answered (an
     * HTTP/1.0 server, or a keep-alive timeout), so attempt {@code attempt} was sent again at once on
     * a new connection. Not a retry: it neither waits nor counts against {@code retries}.
     */
    default void staleConnectionReplaced(GetRequest request, int attempt, String reason) {
    }

    /** Attempt {@code attempt} failed with a retryable {@code reason}; the next starts after {@code delay}. */
    default void retryScheduled(GetRequest request, int attempt, Duration delay, String reason) {
    }

    /** The get succeeded with {@code outcome}. */
    default void callEnd(GetRequest request, GetOutcome outcome) {
    }

    /** The get failed for good with {@code error}, which is then thrown. */
    default void callFailed(GetRequest request, TransportException error) {
    }
}
