package io.cocoatly.transport;

import java.util.Objects;
import java.util.Optional;

/**
 * What a server said identifies the version of a resource (RFC 9110 §8.8): its {@code ETag} and its
 * {@code Last-Modified}, kept verbatim (a weak {@code W/"..."} tag included) so they can be sent back
 * as {@code If-None-Match} and {@code If-Modified-Since}.
 *
 * @param etag         the entity tag, empty if the server sent none
 * @param lastModified the {@code Last-Modified} HTTP date as sent, empty if the server sent none
 */
public record Validators(Optional<String> etag, Optional<String> lastModified) {

    /** No validators: an unconditional request, or a response that named neither. */
    public static final Validators NONE = new Validators(Optional.empty(), Optional.empty());

    /** Checks that neither value is null or blank; blank header values count as absent. */
    public Validators {
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        etag = etag.filter(s -> !s.isBlank());
        lastModified = lastModified.filter(s -> !s.isBlank());
    }

    /** Validators from header values, either of which may be null (absent). */
    public static Validators of(String etag, String lastModified) {
        return new Validators(Optional.ofNullable(etag), Optional.ofNullable(lastModified));
    }

    /** True if there is nothing to make a request conditional on. */
    public boolean isEmpty() {
        return etag.isEmpty() && lastModified.isEmpty();
    }
}
