package io.cocoatly.registry.server;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the read protocol's files (docs/registry-protocol.md §1): {@code registry.json},
 * {@code names.json}, {@code index/<name>.json} and {@code artifacts/...}, with strong
 * {@code ETag}s, {@code Last-Modified}, {@code 304}s, {@code HEAD}, gzip for JSON and the cache
 * headers of §1.3, from whichever {@link FileSource} it is given: the rules of HTTP are written
 * here once, and the directory and a {@link RegistryFiles} only say what a path holds.
 *
 * <p>Never a path outside the protocol's forms: the raw (still percent-encoded) path must be
 * segments of {@code [A-Za-z0-9._+-]} that do not start with a dot, so {@code ..}, any {@code %}
 * escape, backslashes, NUL and dot-files ({@code .registry.lock}, {@code .cocoatly-server/}) never
 * reach a source. A {@code GET} of an artifact answered with its bytes or a redirect is reported to
 * the source as a download, after the answer was sent. A source that fails is answered as
 * {@link Replies#failure} says (503 with {@code Retry-After} when its store is unreachable), never
 * with half a response.
 */
final class StaticFiles extends Handler.Abstract {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final FileSource source;
    private final String revalidated;
    private final AccessLog log;

    StaticFiles(FileSource source, Duration indexMaxAge, AccessLog log) {
        this.source = source;
        this.revalidated = "public, max-age=" + indexMaxAge.toSeconds() + ", must-revalidate";
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            serve(request, response, callback);
        } catch (Exception e) {
            Replies.failure(response, callback, e, log);
        }
        return true;
    }

    private void serve(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            Replies.discardBody(request);
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Replies.error(response, callback, 405, "`" + method + "` is not allowed here: the registry's files take GET and HEAD");
            return;
        }
        Optional<String> relative = relative(request.getHttpURI().getPath());
        FileEntry entry = relative.isEmpty() ? null : source.find(relative.get());
        if (entry == null) {
            Replies.error(response, callback, 404, "not found");
            return;
        }
        String rel = relative.get();
        HttpFields.Mutable headers = response.getHeaders();
        if (entry instanceof FileEntry.Redirected moved) {
            response.setStatus(302);
            headers.put(HttpHeader.LOCATION, moved.location().toASCIIString());
            headers.put(HttpHeader.CACHE_CONTROL, IMMUTABLE);
            headers.put(HttpHeader.CONTENT_LENGTH, 0);
            (head ? callback : counting(callback, request, entry.counted())).succeeded();
            return;
        }
        FileEntry.InMemory held = entry instanceof FileEntry.InMemory m ? m : null;
        boolean gzip = held != null && held.gzipped() != null && acceptsGzip(request);
        headers.put(HttpHeader.CONTENT_TYPE, contentType(rel));
        headers.put(HttpHeader.CACHE_CONTROL, rel.startsWith("artifacts/") ? IMMUTABLE : revalidated);
        headers.put(HttpHeader.ETAG, gzip ? held.gzipEtag() : entry.etag());
        headers.put(HttpHeader.LAST_MODIFIED, entry.lastModified());
        if (entry.gzipEtag() != null) {
            headers.put(HttpHeader.VARY, "Accept-Encoding");
        }
        if (notModified(request, entry)) {
            response.setStatus(304);
            callback.succeeded();
            return;
        }
        if (gzip) {
            headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
        }
        if (head) {
            response.setStatus(200);
            headers.put(HttpHeader.CONTENT_LENGTH, held != null ? (gzip ? held.gzipped() : held.body()).capacity() : size(entry));
            callback.succeeded();
        } else if (held != null) {
            response.setStatus(200);
            ByteBuffer body = gzip ? held.gzipped() : held.body();
            headers.put(HttpHeader.CONTENT_LENGTH, body.capacity());
            // A view of the shared buffer: its own position, the same bytes, no copy.
            response.write(true, body.slice(), counting(callback, request, held.counted()));
        } else if (entry instanceof FileEntry.OnDisk file) {
            response.setStatus(200);
            headers.put(HttpHeader.CONTENT_LENGTH, file.size());
            Content.copy(Content.Source.from(file.file()), response, counting(callback, request, file.counted()));
        } else if (entry instanceof FileEntry.Opened opened) {
            // Opened before anything is committed, so that a store that fails here is still a clean error.
            InputStream in = opened.body().open();
            response.setStatus(200);
            headers.put(HttpHeader.CONTENT_LENGTH, opened.size());
            Content.copy(Content.Source.from(in), response, closing(counting(callback, request, opened.counted()), in));
        } else {
            throw new AssertionError(entry);
        }
    }

    private static long size(FileEntry entry) {
        if (entry instanceof FileEntry.OnDisk file) {
            return file.size();
        }
        if (entry instanceof FileEntry.Opened opened) {
            return opened.size();
        }
        throw new AssertionError(entry);
    }

    /**
     * {@code callback}, reporting a download to the source once the answer was sent. The address
     * and agent are read now: the request is not to be used after it completes. A failing report
     * is logged, never thrown into the request.
     */
    private Callback counting(Callback callback, Request request, PackageId id) {
        if (id == null) {
            return callback;
        }
        String address = Request.getRemoteAddr(request);
        String agent = request.getHeaders().get(HttpHeader.USER_AGENT);
        String userAgent = agent == null ? "" : agent;
        return new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                try {
                    source.downloaded(id, address, userAgent);
                } catch (RuntimeException e) {
                    log.fault("counting a download of " + id + " failed: " + e);
                }
                super.succeeded();
            }
        };
    }

    /** {@code callback}, closing {@code in} however the copy ends. */
    private static Callback closing(Callback callback, InputStream in) {
        return new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                close();
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                close();
                super.failed(x);
            }

            private void close() {
                try {
                    in.close();
                } catch (IOException e) {
                    // The bytes were sent or the copy failed already: nothing else to do.
                }
            }
        };
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

    /** Whether {@code Accept-Encoding} lists gzip (or {@code *}) without {@code q=0}. */
    private static boolean acceptsGzip(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        if (accept == null) {
            return false;
        }
        for (String item : accept.split(",")) {
            String[] parts = item.trim().split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
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


    /** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; weak comparison for If-None-Match. */
    private static boolean notModified(Request request, FileEntry entry) {
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
                return entry.modifiedSeconds() <= since.getEpochSecond();
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
}
