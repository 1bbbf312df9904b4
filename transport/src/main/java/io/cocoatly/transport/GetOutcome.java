package io.cocoatly.transport;

import java.util.Objects;

/**
 * What a successful {@link Transport#get} found, as data: the cached copy is still good, a body was
 * written to the target, or (only when the request asked for it with
 * {@link GetRequest#missingAsOutcome()}) there is no such resource. Failures are a
 * {@link TransportException} instead.
 */
public sealed interface GetOutcome permits GetOutcome.NotModified, GetOutcome.ModifiedOrNew, GetOutcome.Missing {

    /** The validators to keep for the next conditional request. */
    Validators validators();

    /** Attempts made, at least 1; a stale pooled connection replaced at once does not count. */
    int attempts();

    /** What the response said about caching it; {@link CacheDirectives#NONE} for a {@code file:} URL. */
    CacheDirectives cache();

    /**
     * The server answered 304: the cached copy the request named is current, nothing was written.
     *
     * @param validators the request's validators, updated by any the 304 carried (RFC 9111 §4.3.4)
     * @param cache      the 304's caching headers, which renew the cached copy's freshness
     */
    record NotModified(Validators validators, int attempts, CacheDirectives cache) implements GetOutcome {
        /** Checks the values. */
        public NotModified {
            Objects.requireNonNull(validators, "validators");
            Objects.requireNonNull(cache, "cache");
        }

        /** A 304 without caching headers. */
        public NotModified(Validators validators, int attempts) {
            this(validators, attempts, CacheDirectives.NONE);
        }
    }

    /**
     * A body arrived and was written to the target: the resource is new or changed.
     *
     * @param size       bytes written
     * @param validators the response's {@code ETag} and {@code Last-Modified}, if any
     * @param cache      the response's caching headers
     */
    record ModifiedOrNew(long size, Validators validators, int attempts, CacheDirectives cache) implements GetOutcome {
        /** Checks the values. */
        public ModifiedOrNew {
            Objects.requireNonNull(validators, "validators");
            Objects.requireNonNull(cache, "cache");
        }

        /** A body without caching headers. */
        public ModifiedOrNew(long size, Validators validators, int attempts) {
            this(size, validators, attempts, CacheDirectives.NONE);
        }
    }

    /**
     * The server says there is no such resource: 404, 410 or 451. Only a request with
     * {@link GetRequest#missingAsOutcome()} gets this; for others it is an {@code http-error}.
     *
     * @param status the status, 404, 410 or 451
     * @param cache  the response's caching headers, so that "missing" can be cached like a body
     */
    record Missing(int status, int attempts, CacheDirectives cache) implements GetOutcome {
        /** Checks the values. */
        public Missing {
            Objects.requireNonNull(cache, "cache");
        }

        /** A missing resource has no validators. */
        @Override
        public Validators validators() {
            return Validators.NONE;
        }
    }
}
