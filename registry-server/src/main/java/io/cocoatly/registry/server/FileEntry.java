package io.cocoatly.registry.server;

import io.cocoatly.model.PackageId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * One file of the read protocol as a {@link FileSource} found it, ready for {@link StaticFiles} to
 * answer with: bytes held in memory, a file on disk, a stream to copy, or a redirect. Entries are
 * immutable and shared by every request that finds them, so a source caches them.
 */
sealed interface FileEntry {

    /** JSON bodies smaller than this are not worth compressing. */
    int MIN_GZIP_BYTES = 256;

    /** The strong entity tag of the bytes as sent without compression, quoted. */
    String etag();

    /** The entity tag of the gzip-compressed bytes, or null when there is no compressed form. */
    String gzipEtag();

    /** When the content last changed, in whole seconds (HTTP dates have no finer grain). */
    long modifiedSeconds();

    /** The {@code Last-Modified} header's text. */
    String lastModified();

    /** The package and version whose download a {@code GET} of this entry counts, or null if it counts none. */
    PackageId counted();

    /**
     * Bytes in read-only direct buffers: a socket writes a direct buffer as it is, where a heap
     * buffer is first copied into a temporary direct one on every write. Each request writes a
     * {@code slice()}: its own position over the same bytes.
     *
     * @param body     the bytes as served
     * @param gzipped  their gzip-compressed form, or null
     * @param etag     the content hash of {@code body}, quoted
     * @param gzipEtag the tag of {@code gzipped}, or null with it
     * @param counted  the download a {@code GET} counts (a backend's small artifact), or null
     */
    record InMemory(ByteBuffer body, ByteBuffer gzipped, String etag, String gzipEtag, long modifiedSeconds,
                    String lastModified, PackageId counted) implements FileEntry {

        /** This entry, counting a download of {@code id} on each {@code GET} (an artifact's). */
        InMemory counting(PackageId id) {
            return new InMemory(body, gzipped, etag, gzipEtag, modifiedSeconds, lastModified, id);
        }

        /** What the entry holds in memory, in bytes, with a little for the rest. */
        long footprint() {
            return body.capacity() + (gzipped == null ? 0 : gzipped.capacity()) + 256;
        }
    }

    /** A file read from disk on every request (an artifact too large to hold, or a backend's local file). */
    record OnDisk(Path file, long size, String etag, long modifiedSeconds, String lastModified, PackageId counted)
            implements FileEntry {

        @Override
        public String gzipEtag() {
            return null;
        }
    }

    /** Bytes from elsewhere (an object store), opened for each {@code GET} and copied to the client. */
    record Opened(ArtifactFile.Opener body, long size, String etag, long modifiedSeconds, String lastModified,
                  PackageId counted) implements FileEntry {

        @Override
        public String gzipEtag() {
            return null;
        }
    }

    /** Somewhere else: answered {@code 302 Found} with this location. */
    record Redirected(URI location, PackageId counted) implements FileEntry {

        @Override
        public String etag() {
            return null;
        }

        @Override
        public String gzipEtag() {
            return null;
        }

        @Override
        public long modifiedSeconds() {
            return 0;
        }

        @Override
        public String lastModified() {
            return null;
        }
    }

    /**
     * The in-memory entry of a file whichever source it came from, so that the same bytes get the
     * same headers from a directory and from a database: {@code registry.json} with the API added
     * ({@link StaticFiles#withApi}), the ETag the SHA-256 of the bytes served, and JSON of
     * {@link #MIN_GZIP_BYTES} or more compressed once here rather than on every request.
     *
     * @param relative       the registry-relative path
     * @param raw            the file's bytes as stored
     * @param modifiedMillis when it last changed
     */
    static InMemory inMemory(String relative, byte[] raw, long modifiedMillis) {
        byte[] body = relative.equals("registry.json") ? StaticFiles.withApi(raw) : raw;
        String hash = hash(body);
        byte[] gzipped = relative.endsWith(".json") && body.length >= MIN_GZIP_BYTES ? gzip(body) : null;
        return new InMemory(direct(body), gzipped == null ? null : direct(gzipped), tag(hash),
                gzipped == null ? null : tag(hash + "-gzip"), modifiedMillis / 1000, httpDate(modifiedMillis), null);
    }

    /** The unpadded base64url SHA-256 of {@code bytes}: the content hash ETags are made of. */
    static String hash(byte[] bytes) {
        MessageDigest sha256 = sha256();
        sha256.update(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    /** A new SHA-256 digest. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code hash} as a strong entity tag. */
    static String tag(String hash) {
        return "\"" + hash + "\"";
    }

    /** An HTTP date (RFC 9110 §5.6.7) of an instant given in milliseconds. */
    static String httpDate(long millis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return buffer.asReadOnlyBuffer();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            // Into memory: cannot happen.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
