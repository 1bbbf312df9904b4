package io.cocoatly.registry.server;

import io.cocoatly.json.JsonObject;
import io.cocoatly.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the JSON answers of the server: a document, or {@code {"errors": [{"detail": ...}]}}. */
final class Replies {

    static final String JSON = "application/json; charset=utf-8";

    /** The {@code Retry-After} of a 503 for a store that cannot be reached. */
    static final int UNAVAILABLE_RETRY_SECONDS = 5;

    /** The most of a refused request's body read and dropped before the refusal ({@link #discardBody}). */
    private static final long DRAIN_LIMIT = 1024 * 1024;

    private Replies() {
    }

    /**
     * Reads and drops what is left of a refused request's body, when it is at most {@link #DRAIN_LIMIT}
     * bytes. A client still sending it (a publish refused for its token before its body is read, or for a
     * declared length over the limit) would otherwise have the connection closed under it, and could see
     * a reset instead of the refusal. A larger body is left and the connection closed, as Jetty does:
     * reading it all would let any client hold a thread (nginx's lingering close stops too).
     */
    static void discardBody(Request request) {
        if (request.getLength() > DRAIN_LIMIT) {
            return;
        }
        byte[] buffer = new byte[8192];
        long read = 0;
        try (InputStream in = Request.asInputStream(request)) {
            for (int n; read <= DRAIN_LIMIT && (n = in.read(buffer)) >= 0; ) {
                read += n;
            }
        } catch (IOException | RuntimeException e) {
            // Already read past, or the client went away: nothing more to drain.
        }
    }

    /** Sends {@code body} with {@code status}; API answers are never cached. */
    static void json(Response response, Callback callback, int status, JsonValue body) {
        byte[] bytes = body.canonicalBytes();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /**
     * Sends a refusal with its status: a 401 says how to authenticate ({@code WWW-Authenticate:
     * Bearer}), a 503 when to try again ({@code Retry-After}; the store behind the server is
     * unreachable, and a moment is what a database failover or restart takes).
     */
    static void refusal(Response response, Callback callback, ApiException e) {
        if (e.status() == ApiException.Status.UNAUTHORIZED) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"cocoatly\"");
        } else if (e.status() == ApiException.Status.SERVICE_UNAVAILABLE) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, UNAVAILABLE_RETRY_SECONDS);
        }
        error(response, callback, e.status().code(), e.detail());
    }

    /**
     * Answers a request that failed before its answer was sent, whatever failed (the API, a
     * backend, a file source): an {@link ApiException} is a refusal with its status, anything else
     * a 500 whose detail says nothing of the fault, which goes to the log. Headers already set for
     * the answer that was not sent are dropped. If the answer was committed already, the response
     * is aborted rather than finished with something else: the client sees a broken response, never
     * a wrong one.
     */
    static void failure(Response response, Callback callback, Throwable e, AccessLog log) {
        if (response.isCommitted()) {
            log.fault("failed after the answer began: " + e);
            callback.failed(e);
            return;
        }
        response.reset();
        if (e instanceof ApiException refused) {
            refusal(response, callback, refused);
        } else {
            log.fault("internal error: " + e);
            error(response, callback, 500, "internal server error; the server's log has the details");
        }
    }

    /** Sends the error document of docs/registry-protocol.md §2 with {@code status}. */
    static void error(Response response, Callback callback, int status, String detail) {
        JsonObject body = JsonObject.create();
        body.putArray("errors").addObject().put("detail", detail);
        json(response, callback, status, body);
    }
}
