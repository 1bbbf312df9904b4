package io.cocoatly.transport;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.net.URI;
import java.util.List;
import java.util.OptionalInt;

/**
 * A get that failed for good, after any retries. The message names the URL, and the HTTP status
 * where there was one, e.g. {@code GET https://r.example/a.tar.gz: HTTP 503 (gave up after 4 attempts)}.
 */
public final class TransportException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    /** Why the get failed; each reason has one {@link #code()}, except {@link #TOO_LARGE}. */
    public enum Reason {
        /**
         * Retryable failures (connection errors, timeouts, truncated bodies, 5xx, 408, 429) until the
         * retries ran out: {@code download-failed} ({@code request-failed} for {@link Transport#send}).
         */
        GAVE_UP,
        /** A status that another attempt would not change (other 4xx, an unexpected 304, 3xx): {@code http-error}. */
        HTTP_STATUS,
        /** More bytes than allowed: {@code artifact-too-large} for an exact size, {@code response-too-large} otherwise. */
        TOO_LARGE,
        /** A {@code file:} URL that cannot be read: {@code download-failed}. */
        LOCAL_FILE,
        /** A URL that is neither {@code http(s)} nor {@code file}, or malformed: {@code download-failed}. */
        BAD_URL,
        /** The body target could not be opened or written: {@code target-write-failed}. */
        TARGET,
        /** The caller's {@link Cancellation} fired: {@code download-cancelled}. */
        CANCELLED,
        /**
         * The whole get, retries included, outlasted its deadline (the grace period plus the size at
         * {@link TransportOptions#minBytesPerSecond()}): {@code download-too-slow}.
         */
        TOO_SLOW,
        /**
         * No TLS connection could be made in a way another attempt would not change (the server's
         * certificate is not trusted or does not fit, or the server does not speak TLS): {@code tls-failed},
         * not retried.
         */
        TLS,
        /**
         * A request that must not be sent twice (a publish) failed after it was sent, so the server
         * may or may not have acted on it, and it was not retried: {@code request-outcome-unknown}.
         */
        OUTCOME_UNKNOWN
    }

    private final Reason reason;
    private final URI url;
    private final int status;
    private final int attempts;

    TransportException(Reason reason, String code, URI url, int status, int attempts, String message, List<String> hints,
                       Throwable cause) {
        super(ErrorKind.FAILED, code, message, hints, cause);
        this.reason = reason;
        this.url = url;
        this.status = status;
        this.attempts = attempts;
    }

    /** Why the get failed (its {@link #kind()} is always {@link io.cocoatly.model.ErrorKind#FAILED}). */
    public Reason reason() {
        return reason;
    }

    /** The URL that was fetched. */
    public URI url() {
        return url;
    }

    /** The HTTP status of the last response, if the last attempt got one. */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** Attempts made; 0 if none started (a bad URL, or cancelled before the first). */
    public int attempts() {
        return attempts;
    }
}
