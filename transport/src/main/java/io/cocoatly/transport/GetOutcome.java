package io.cocoatly.transport;

import java.util.Objects;

/**
 * What a successful {@link Transport#get} found, as data: the cached copy is still good, or a body
 * was written to the target. Failures are a {@link TransportException} instead.
 */
public sealed interface GetOutcome permits GetOutcome.NotModified, GetOutcome.ModifiedOrNew {

    /** The validators to keep for the next conditional request. */
    Validators validators();

    /** Attempts made, at least 1; a stale pooled connection replaced at once does not count. */
    int attempts();

    /**
     * The server answered 304: the cached copy the request named is current, nothing was written.
     *
     * @param validators the request's validators, updated by any the 304 carried (RFC 9111 §4.3.4)
     */
    record NotModified(Validators validators, int attempts) implements GetOutcome {
        /** Checks the values. */
        public NotModified {
            Objects.requireNonNull(validators, "validators");
        }
    }

    /**
     * A body arrived and was written to the target: the resource is new or changed.
     *
     * @param size       bytes written
     * @param validators the response's {@code ETag} and {@code Last-Modified}, if any
     */
    record ModifiedOrNew(long size, Validators validators, int attempts) implements GetOutcome {
        /** Checks the values. */
        public ModifiedOrNew {
            Objects.requireNonNull(validators, "validators");
        }
    }
}
