package io.cocoatly.registry.server;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the read protocol's files (docs/registry-protocol.md §1): {@code registry.json},
 * {@code names.json}, {@code index/<name>.json} and {@code artifacts/...}, with strong content-hash
 * {@code ETag}s, {@code Last-Modified}, {@code 304}s, {@code HEAD} and the cache headers of §1.3.
 *
 * <p>Never a file outside the registry: the raw (still percent-encoded) path must be segments of
 * {@code [A-Za-z0-9._+-]} that do not start with a dot, so {@code ..}, any {@code %} escape,
 * backslashes, NUL and dot-files ({@code .registry.lock}, {@code .cocoatly-server/}) never reach the
 * file system; and the file's real path, after symlinks, must still be inside the root and free of
 * dot-names. The check is made once per file identity (device and inode, size, mtime) and cached
 * with the file's ETag (and its bytes, for small files), so a hot index file costs one {@code stat}.
 */
final class StaticFiles extends Handler.Abstract {

    private static final int MAX_CACHED_BYTES = 256 * 1024;
    private static final long MAX_CACHE_TOTAL = 64L << 20;
    private static final int MIN_GZIP_BYTES = 256;
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final Path root;
    private final String revalidated;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong cachedBytes = new java.util.concurrent.atomic.AtomicLong();

    /**
     * What was checked of one file, valid while its identity, size and mtime stay the same: its
     * ETag, and for a small file its bytes, and for a small JSON file its gzip-compressed bytes
     * (compressed once here rather than on every request) with their own ETag.
     */
    private record Known(Object fileKey, long size, long mtimeMillis, String etag, String lastModified, ByteBuffer body,
                         ByteBuffer gzipped, String gzipEtag) {

        long footprint() {
            return (body == null ? 0 : body.capacity()) + (gzipped == null ? 0 : gzipped.capacity()) + 256;
        }
    }

    StaticFiles(Path root, Duration indexMaxAge) throws IOException {
        this.root = root.toRealPath();
        this.revalidated = "public, max-age=" + indexMaxAge.toSeconds() + ", must-revalidate";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Replies.error(response, callback, 405, "`" + method + "` is not allowed here: the registry's files take GET and HEAD");
            return true;
        }
        Optional<String> relative = relative(request.getHttpURI().getPath());
        Path file = relative.map(root::resolve).orElse(null);
        Known entry = file == null ? null : lookup(relative.get(), file);
        if (entry == null) {
            Replies.error(response, callback, 404, "not found");
            return true;
        }
        String rel = relative.get();
        var headers = response.getHeaders();
        boolean gzip = entry.gzipped() != null && acceptsGzip(request);
        headers.put(HttpHeader.CONTENT_TYPE, contentType(rel));
        headers.put(HttpHeader.CACHE_CONTROL, rel.startsWith("artifacts/") ? IMMUTABLE : revalidated);
        headers.put(HttpHeader.ETAG, gzip ? entry.gzipEtag() : entry.etag());
        headers.put(HttpHeader.LAST_MODIFIED, entry.lastModified());
        if (entry.gzipped() != null) {
            headers.put(HttpHeader.VARY, "Accept-Encoding");
        }
        if (notModified(request, entry)) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        response.setStatus(200);
        if (gzip) {
            headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
        }
        ByteBuffer body = gzip ? entry.gzipped() : entry.body();
        headers.put(HttpHeader.CONTENT_LENGTH, body != null ? body.capacity() : entry.size());
        if (head) {
            callback.succeeded();
        } else if (body != null) {
            // A view of the shared buffer: its own position, the same bytes, no copy.
            response.write(true, body.slice(), callback);
        } else {
            Content.copy(Content.Source.from(file), response, callback);
        }
        return true;
    }

    /** The registry-relative path of a raw request path, if it is one of the protocol's files. */
    static Optional<String> relative(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.length() > 1024) {
            return Optional.empty();
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        for (String s : segments) {
            if (!safeSegment(s)) {
                return Optional.empty();
            }
        }
        String first = segments[0];
        boolean protocolFile = segments.length == 1 && (first.equals("registry.json") || first.equals("names.json"))
                || segments.length == 2 && first.equals("index") && segments[1].endsWith(".json")
                || segments.length >= 2 && segments.length <= 3 && first.equals("artifacts");
        return protocolFile ? Optional.of(String.join("/", segments)) : Optional.empty();
    }

    /** {@code [A-Za-z0-9_+-][A-Za-z0-9._+-]*}, at most 255 characters: never empty, never a dot first. */
    private static boolean safeSegment(String s) {
        if (s.isEmpty() || s.length() > 255 || s.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '+'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The file's checked entry, or null if it is missing, not a regular file, or outside the root. */
    private Known lookup(String relative, Path file) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            BasicFileAttributes before;
            try {
                before = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return null;
            }
            if (!before.isRegularFile()) {
                return null;
            }
            Known cached = known.get(relative);
            if (cached != null && same(cached, before)) {
                return cached;
            }
            if (!inside(file)) {
                return null;
            }
            Known fresh = read(file, before, relative.endsWith(".json"), relative.equals("registry.json"));
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
            if (same(fresh, after)) {
                remember(relative, fresh);
                return fresh;
            }
            // Replaced while it was read: read the new one.
        }
        return null;
    }

    /** Caches an entry; past the cache's size, starts over rather than tracking what is least used. */
    private void remember(String relative, Known entry) {
        if (cachedBytes.addAndGet(entry.footprint()) > MAX_CACHE_TOTAL) {
            known.clear();
            cachedBytes.set(entry.footprint());
        }
        known.put(relative, entry);
    }

    private boolean inside(Path file) throws IOException {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!real.startsWith(root)) {
            return false;
        }
        for (Path part : root.relativize(real)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static Known read(Path file, BasicFileAttributes attrs, boolean json, boolean description) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] body = null;
        if (attrs.size() <= MAX_CACHED_BYTES) {
            body = Files.readAllBytes(file);
            if (description) {
                body = withApi(body);
            }
            sha256.update(body);
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha256.update(buffer, 0, n);
                }
            }
        }
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
        long mtime = attrs.lastModifiedTime().toMillis();
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Instant.ofEpochMilli(mtime), ZoneOffset.UTC));
        byte[] gzipped = json && body != null && body.length >= MIN_GZIP_BYTES ? gzip(body) : null;
        // The file's size, not the body's (registry.json's differs): it identifies the file version.
        return new Known(attrs.fileKey(), attrs.size(), mtime, "\"" + hash + "\"", lastModified,
                direct(body), direct(gzipped), "\"" + hash + "-gzip\"");
    }

    /**
     * The bytes in a read-only direct buffer, or null: a socket writes a direct buffer as it is,
     * where a heap buffer is first copied into a temporary direct one on every write.
     */
    private static ByteBuffer direct(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return buffer.asReadOnlyBuffer();
    }

    /**
     * {@code registry.json} as served: with {@code "api": "api/v1/"} (relative to the base URL) added
     * when the file names no API, since this server has one (docs/registry-protocol.md §1, §2). A
     * file that is not a JSON object is served as it is, for the client to report.
     */
    static byte[] withApi(byte[] bytes) {
        try {
            JsonCursor root = StrictJson.parse(bytes, "registry.json", "invalid-registry");
            if (root.optional("api").isPresent()) {
                return bytes;
            }
            return JsonObject.copyOf(root).put("api", ApiHandler.PREFIX.substring(1)).canonicalBytes();
        } catch (CocoatlyException e) {
            return bytes;
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length / 4 + 64);
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Whether {@code Accept-Encoding} lists gzip (or {@code *}) without {@code q=0}. */
    private static boolean acceptsGzip(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        if (accept == null) {
            return false;
        }
        for (String item : accept.split(",")) {
            String[] parts = item.trim().split(";");
            String coding = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                for (int i = 1; i < parts.length; i++) {
                    if (parts[i].trim().matches("q\\s*=\\s*0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static boolean same(Known k, BasicFileAttributes a) {
        return Objects.equals(k.fileKey(), a.fileKey()) && k.size() == a.size() && k.mtimeMillis() == a.lastModifiedTime().toMillis();
    }

    /** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; weak comparison for If-None-Match. */
    private static boolean notModified(Request request, Known entry) {
        String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.trim();
                if (t.startsWith("W/")) {
                    t = t.substring(2);
                }
                // Either representation's tag: both name the same content.
                if (t.equals("*") || t.equals(entry.etag()) || t.equals(entry.gzipEtag())) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = request.getHeaders().get(HttpHeader.IF_MODIFIED_SINCE);
        if (ifModifiedSince != null) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return entry.mtimeMillis() / 1000 <= since.getEpochSecond();
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    private static String contentType(String relative) {
        if (relative.endsWith(".json")) {
            return Replies.JSON;
        }
        if (relative.endsWith(".tar.gz") || relative.endsWith(".tgz") || relative.endsWith(".gz")) {
            return "application/gzip";
        }
        return "application/octet-stream";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
