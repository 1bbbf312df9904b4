package io.cocoatly.registry.http;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.transport.CacheDirectives;
import io.cocoatly.transport.Validators;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One cached file, or a remembered "no such file": the body with what the server said about it.
 * Stored as one file so that a single rename replaces body and metadata together: a first line
 * {@code cocoatly-cache 1 <n>}, then {@code n} bytes of JSON metadata, then the body.
 *
 * @param body       the file's bytes, or empty if the server answered 404, 410 or 451
 * @param validators the {@code ETag} and {@code Last-Modified} to revalidate with
 * @param fetchedAt  when the response (or the last 304) arrived
 * @param cache      the response's {@code Cache-Control} and {@code Age}
 */
record CacheEntry(Optional<byte[]> body, Validators validators, Instant fetchedAt, CacheDirectives cache) {

    private static final String MAGIC = "cocoatly-cache 1 ";

    CacheEntry {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(validators, "validators");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(cache, "cache");
    }

    /** Whether it may be used without asking the server at {@code now}. */
    boolean freshAt(Instant now) {
        return now.isBefore(fetchedAt.plus(cache.freshFor()));
    }

    /** The same entry revalidated by a 304 at {@code now}: new validators and freshness, same body. */
    CacheEntry revalidated(Validators renewed, Instant now, CacheDirectives directives) {
        return new CacheEntry(body, renewed, now, directives);
    }

    byte[] encode() {
        JsonObject meta = JsonObject.create();
        meta.put("status", body.isPresent() ? "found" : "missing");
        validators.etag().ifPresent(tag -> meta.put("etag", tag));
        validators.lastModified().ifPresent(date -> meta.put("last_modified", date));
        meta.put("fetched_at", fetchedAt.toString());
        cache.maxAge().ifPresent(d -> meta.put("max_age", d.toSeconds()));
        meta.put("no_cache", cache.noCache());
        meta.put("age", cache.age().toSeconds());
        byte[] json = meta.canonicalBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((MAGIC + json.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(json);
        body.ifPresent(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * Reads an entry {@link #encode} wrote; empty if the bytes are not one (a file from another
     * version, or damaged on disk), which the cache then treats as not cached.
     */
    static Optional<CacheEntry> decode(byte[] bytes, String file) {
        int newline = indexOf(bytes, (byte) '\n');
        if (newline < 0) {
            return Optional.empty();
        }
        String header = new String(bytes, 0, newline, StandardCharsets.US_ASCII);
        if (!header.startsWith(MAGIC)) {
            return Optional.empty();
        }
        try {
            int length = Integer.parseInt(header.substring(MAGIC.length()));
            int start = newline + 1;
            if (length < 0 || start + length > bytes.length) {
                return Optional.empty();
            }
            JsonCursor meta = StrictJson.parse(Arrays.copyOfRange(bytes, start, start + length), file, "invalid-cache");
            boolean found = meta.required("status").string().equals("found");
            Optional<byte[]> body = found ? Optional.of(Arrays.copyOfRange(bytes, start + length, bytes.length))
                    : Optional.empty();
            Validators validators = new Validators(meta.optional("etag").map(JsonCursor::string),
                    meta.optional("last_modified").map(JsonCursor::string));
            CacheDirectives directives = new CacheDirectives(
                    meta.optional("max_age").map(JsonCursor::integer).map(Duration::ofSeconds),
                    meta.required("no_cache").bool(), false, Duration.ofSeconds(meta.required("age").integer()));
            return Optional.of(new CacheEntry(body, validators, Instant.parse(meta.required("fetched_at").string()),
                    directives));
        } catch (CocoatlyException | DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < Math.min(bytes.length, 64); i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
