package io.cocoatly.registry.server;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The write API under {@code /api/v1/} (docs/registry-protocol.md §2): routes a request to the
 * backend, authenticates writes by bearer token, and turns refusals into the error document with
 * the status of §2.7. Request bodies are limited to the server's size; a publish body is streamed
 * to the backend's scratch file, never held in memory.
 */
final class ApiHandler extends Handler.Abstract {

    static final String PREFIX = "/api/v1/";

    private static final int MAX_JSON_BODY = 64 * 1024;

    private final RegistryBackend backend;
    private final long maxBodyBytes;
    private final AccessLog log;

    ApiHandler(RegistryBackend backend, long maxBodyBytes, AccessLog log) {
        this.backend = backend;
        this.maxBodyBytes = maxBodyBytes;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            route(request, response, callback);
        } catch (IOException | RuntimeException e) {
            Replies.discardBody(request);
            refuse(response, callback, e);
        }
        return true;
    }

    /** Turns a refusal or a fault into its reply (docs/registry-protocol.md §2.7). */
    private void refuse(Response response, Callback callback, Exception failure) {
        if (failure instanceof ApiException e) {
            Replies.failure(response, callback, e, log);
        } else if (failure instanceof InvalidFileException e) {
            Replies.error(response, callback, 400, e.getMessage());
        } else if (failure instanceof CocoatlyException e && e.code().startsWith("invalid-")) {
            // A field of the request that the model refuses: invalid-package-name, invalid-version,
            // invalid-requirement, invalid-checksum...
            Replies.error(response, callback, 400, e.getMessage());
        } else if (failure instanceof CocoatlyException e && e.code().equals("registry-locked")) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, 1);
            Replies.error(response, callback, 503, "the registry is busy with another change; try again");
        } else {
            // A backend's own fault (a store that broke, a bug): a 500 without details; the log has them.
            Replies.failure(response, callback, failure, log);
        }
    }

    private void route(Request request, Response response, Callback callback) throws IOException {
        String path = request.getHttpURI().getPath();
        List<String> parts = List.of(path.substring(PREFIX.length()).split("/", -1));
        String method = request.getMethod();
        if (parts.size() == 2 && parts.get(0).equals("packages") && parts.get(1).equals("new")) {
            allow(method, "PUT");
            publish(request, response, callback);
        } else if (parts.size() == 1 && parts.get(0).equals("packages")) {
            allow(method, "GET");
            Fields query = Request.extractQueryParameters(request);
            String q = query.getValue("q") == null ? "" : query.getValue("q");
            int page = number(query.getValue("page"), 1, 1, 10_000);
            int perPage = number(query.getValue("per_page"), 20, 1, 100);
            Replies.json(response, callback, 200, ApiJson.search(backend.search(q, page, perPage)));
        } else if (parts.size() == 2 && parts.get(0).equals("packages")) {
            allow(method, "GET");
            Replies.json(response, callback, 200, ApiJson.info(backend.packageInfo(name(parts.get(1)))));
        } else if (parts.size() == 3 && parts.get(0).equals("packages") && parts.get(2).equals("owners")) {
            owners(request, response, callback, name(parts.get(1)));
        } else if (parts.size() == 4 && parts.get(0).equals("packages")
                && (parts.get(3).equals("yank") || parts.get(3).equals("unyank"))) {
            boolean yank = parts.get(3).equals("yank");
            allow(method, yank ? "DELETE" : "PUT");
            Caller caller = authenticate(request);
            backend.yank(caller, name(parts.get(1)), version(parts.get(2)), yank);
            Replies.json(response, callback, 200, ApiJson.ok());
        } else {
            throw new ApiException(ApiException.Status.NOT_FOUND, "no-such-endpoint", "no API endpoint at this path");
        }
    }

    private void publish(Request request, Response response, Callback callback) throws IOException {
        Caller caller = authenticate(request);
        Path archive = backend.newUploadFile();
        try (InputStream in = body(request, maxBodyBytes)) {
            Upload upload = PublishBody.read(in, archive);
            Replies.json(response, callback, 200, ApiJson.release(backend.publish(caller, upload)));
        } finally {
            // Gone already if the backend moved it into place.
            Files.deleteIfExists(archive);
        }
    }

    private void owners(Request request, Response response, Callback callback, PackageName name) throws IOException {
        String method = request.getMethod();
        if (method.equals("GET")) {
            Replies.json(response, callback, 200, ApiJson.owners(backend.owners(name)));
            return;
        }
        allow(method, "GET, PUT, DELETE");
        Caller caller = authenticate(request);
        List<String> logins = new ArrayList<>();
        try (InputStream in = body(request, MAX_JSON_BODY)) {
            JsonCursor root = StrictJson.parse(in.readAllBytes(), "request body", "invalid-request-body");
            root.required("users").elements().forEach(u -> logins.add(u.string()));
        }
        if (logins.isEmpty()) {
            throw new ApiException(ApiException.Status.BAD_REQUEST, "invalid-request-body", "`users` names nobody");
        }
        List<String> now = backend.changeOwners(caller, name, logins, method.equals("PUT"));
        Replies.json(response, callback, 200, ApiJson.owners(now).put("ok", true));
    }

    private Caller authenticate(Request request) {
        return ReadAccess.caller(request, backend);
    }

    /** The request body, refused with 413 past {@code limit} (by its Content-Length, or as it arrives). */
    private static InputStream body(Request request, long limit) {
        long declared = request.getLength();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        InputStream in = Request.asInputStream(request);
        return new java.io.FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(long n) {
                read += n;
                if (read > limit) {
                    throw tooLarge(limit);
                }
            }
        };
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(ApiException.Status.TOO_LARGE, "body-too-large", "the request body is over this server's limit of "
                + limit + " bytes");
    }

    private static void allow(String method, String allowed) {
        if (!Set.of(allowed.split(", ")).contains(method)) {
            throw new ApiException(ApiException.Status.METHOD_NOT_ALLOWED, "method-not-allowed", "`" + method
                    + "` is not allowed here; this path takes " + allowed);
        }
    }

    private static PackageName name(String text) {
        String problem = PackageName.problem(text);
        if (problem != null) {
            throw new ApiException(ApiException.Status.NOT_FOUND, "package-not-found", "no package `" + printable(text) + "`");
        }
        return PackageName.of(text);
    }

    private static Version version(String text) {
        try {
            return Version.parse(
                    // A path, not a form: `+` is build metadata (`1.0.0+build.1`), not an encoded space.
                    java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
        } catch (CocoatlyException | IllegalArgumentException e) {
            throw new ApiException(ApiException.Status.NOT_FOUND, "version-not-found", "no version `" + printable(text) + "`");
        }
    }

    private static int number(String text, int otherwise, int min, int max) {
        if (text == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the range.
        }
        throw new ApiException(ApiException.Status.BAD_REQUEST, "invalid-query", "expected a number from " + min + " to " + max
                + ": `" + printable(text) + "`");
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shown.replaceAll("[\\p{Cntrl}]", "?");
    }
}
