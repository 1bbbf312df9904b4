package io.cocoatly.registry.server;

import java.time.Instant;
import java.util.Objects;

/**
 * One of the read protocol's JSON files as a {@link RegistryFiles} renders it.
 *
 * @param bytes        the file's bytes; the caller must not change them
 * @param etag         a strong entity tag, quoted ({@code "…"}), that changes exactly when the bytes do: the
 *                     server remakes its own form of the file (and its content-hash {@code ETag}) when it changes
 * @param lastModified when the content last changed, for {@code Last-Modified}
 */
public record ServedFile(byte[] bytes, String etag, Instant lastModified) {

    /** Checks the fields are present and the tag is a quoted strong tag. */
    public ServedFile {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(lastModified, "lastModified");
        if (etag == null || etag.length() < 2 || !etag.startsWith("\"") || !etag.endsWith("\"")) {
            throw new IllegalArgumentException("not a strong entity tag: " + etag);
        }
    }
}
