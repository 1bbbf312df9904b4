package io.cocoatly.registry.server;

/**
 * Where {@link RegistryServer} reports each request it answered, one call per request, from the
 * request's thread (implementations must be thread-safe). The cli prints {@link Entry#line()} to
 * stderr. An entry holds no header, query string or body, so never a token.
 */
@FunctionalInterface
public interface AccessLog {

    /** A log that drops everything. */
    AccessLog NONE = entry -> { };

    /** Called once per answered request. */
    void log(Entry entry);

    /**
     * Called when a request failed inside the server (a 500): the fault, without the request's
     * headers or body. Ignored unless overridden.
     */
    default void fault(String message) {
    }

    /**
     * One answered request.
     *
     * @param method the HTTP method
     * @param path   the request path as sent (percent-encoded, control characters escaped), without the query
     * @param status the status sent
     * @param bytes  the body bytes sent
     * @param millis the time from the request's arrival to the end of the response
     */
    record Entry(String method, String path, int status, long bytes, double millis) {

        /** {@code GET /index/http.json 200 1234 B 0.8 ms}. */
        public String line() {
            // By hand, not String.format: this runs once per request.
            long tenths = Math.round(millis * 10);
            return method + " " + path + " " + status + " " + bytes + " B " + tenths / 10 + "." + tenths % 10 + " ms";
        }
    }
}
