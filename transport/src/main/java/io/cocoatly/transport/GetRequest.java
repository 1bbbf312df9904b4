package io.cocoatly.transport;

import java.net.URI;
import java.util.Objects;

/**
 * One resource to fetch, and how much of it may arrive.
 *
 * @param url        an {@code http}, {@code https} or {@code file} URL
 * @param maxBytes   never more than this many bytes are written to the target: a larger announced
 *                   {@code Content-Length} fails before the body, a longer body fails while streaming
 * @param exactSize  if true the body must be exactly {@code maxBytes} long (an artifact whose size
 *                   the lockfile records); a shorter body is a truncated transfer and retried
 * @param validators what a cached copy was validated with; when not empty the request is conditional
 *                   ({@code If-None-Match}, {@code If-Modified-Since}) and a 304 answers
 *                   {@link GetOutcome.NotModified}
 * @param missingAsOutcome if true, 404, 410 and 451 answer {@link GetOutcome.Missing} instead of
 *                   failing with {@code http-error}: for a reader to whom "no such file" is data
 * @param tokenFirst if true, the transport's {@link BearerToken} for the URL's origin (if it has one)
 *                   goes out with the first attempt; otherwise only after a {@code 401}
 */
public record GetRequest(URI url, long maxBytes, boolean exactSize, Validators validators, boolean missingAsOutcome,
                         boolean tokenFirst) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code maxBytes} is negative
     */
    public GetRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(validators, "validators");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
    }

    /** A request where a missing resource is an error and a token waits for a {@code 401}. */
    public GetRequest(URI url, long maxBytes, boolean exactSize, Validators validators) {
        this(url, maxBytes, exactSize, validators, false, false);
    }

    /** A body of exactly {@code size} bytes, as an artifact's recorded size says. */
    public static GetRequest exactly(URI url, long size) {
        return new GetRequest(url, size, true, Validators.NONE);
    }

    /** A body of at most {@code maxBytes} bytes, such as an index file. */
    public static GetRequest atMost(URI url, long maxBytes) {
        return new GetRequest(url, maxBytes, false, Validators.NONE);
    }

    /** The same request, made conditional on a cached copy's validators. */
    public GetRequest ifChangedSince(Validators cached) {
        return new GetRequest(url, maxBytes, exactSize, cached, missingAsOutcome, tokenFirst);
    }

    /** The same request, answering 404, 410 and 451 with {@link GetOutcome.Missing}. */
    public GetRequest withMissingAsOutcome() {
        return new GetRequest(url, maxBytes, exactSize, validators, true, tokenFirst);
    }

    /** The same request, sending the origin's token from the first attempt (a registry that requires auth). */
    public GetRequest withTokenFirst() {
        return new GetRequest(url, maxBytes, exactSize, validators, missingAsOutcome, true);
    }
}
