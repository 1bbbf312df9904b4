package io.cocoatly.registry.server;

import io.cocoatly.json.JsonObject;
import io.cocoatly.json.JsonValue;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the JSON answers of the server: a document, or {@code {"errors": [{"detail": ...}]}}. */
final class Replies {

    static final String JSON = "application/json; charset=utf-8";

    private Replies() {
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

    /** Sends a refusal with its status; a 401 says how to authenticate ({@code WWW-Authenticate: Bearer}). */
    static void refusal(Response response, Callback callback, ApiException e) {
        if (e.status() == ApiException.Status.UNAUTHORIZED) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"cocoatly\"");
        }
        error(response, callback, e.status().code(), e.detail());
    }

    /** Sends the error document of docs/registry-protocol.md §2 with {@code status}. */
    static void error(Response response, Callback callback, int status, String detail) {
        JsonObject body = JsonObject.create();
        body.putArray("errors").addObject().put("detail", detail);
        json(response, callback, status, body);
    }
}
