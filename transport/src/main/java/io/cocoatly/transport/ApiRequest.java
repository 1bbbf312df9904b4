package io.cocoatly.transport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to an HTTP API, such as a registry's write API (docs/registry-protocol.md §2): a method,
 * headers, an optional body, and how much of the answer may arrive. Sent with {@link Transport#send}.
 *
 * <p>Whether it may be sent twice decides its retries. An <em>idempotent</em> request (a read, a yank,
 * an owner change: repeating it leaves the same state) is retried as a get is. A request that is not
 * (a publish: a second one after a success is refused as a duplicate, or worse, counted twice) is
 * retried only when the server certainly did not act on it; see {@link Transport#send}.
 *
 * <p>The token is not a header of the request: the transport holds it, bound to its origin
 * ({@link TransportOptions#withToken}), and adds it itself, so that the secret never leaves the
 * transport. It goes after a {@code 401} to any request, and from the first attempt to a
 * {@link #tokenFirst()} request (a write), as {@link GetRequest#tokenFirst()} does for gets.
 *
 * @param method           {@code GET}, {@code PUT} or {@code DELETE}
 * @param url              an {@code http} or {@code https} URL
 * @param headers          sent as given; never {@code Authorization}, which only the transport sets
 * @param body             the body, if any
 * @param maxResponseBytes a longer answer fails with {@link TransportException.Reason#TOO_LARGE}
 * @param idempotent       whether sending it twice does no more than sending it once
 * @param tokenFirst       if true, the transport's {@link BearerToken} for the URL's origin (if it has
 *                         one) goes out with the first attempt; otherwise only after a {@code 401}
 */
public record ApiRequest(Method method, URI url, Map<String, String> headers, Optional<Body> body,
                         long maxResponseBytes, boolean idempotent, boolean tokenFirst) {

    private static final String AUTHORIZATION = "Authorization";

    /** The answers of an API are small JSON documents; 8 MiB is far more than any holds. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L << 20;

    /** The methods the registry API uses. */
    public enum Method {
        /** Reads. */
        GET,
        /** Creates or sets. */
        PUT,
        /** Removes. */
        DELETE
    }

    /**
     * A request body.
     *
     * @param contentType e.g. {@code application/json}
     * @param bytes       the bytes, copied in and out
     */
    public record Body(String contentType, byte[] bytes) {
        /** Checks and copies the values. */
        public Body {
            Objects.requireNonNull(contentType, "contentType");
            bytes = bytes.clone();
        }

        /** A copy of the bytes. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The number of bytes. */
        public int length() {
            return bytes.length;
        }

        /** Only the type and size: a body may hold anything. */
        @Override
        public String toString() {
            return "Body[" + contentType + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * Checks and copies the values.
     *
     * @throws IllegalArgumentException if {@code maxResponseBytes} is negative, or {@code headers}
     *     holds {@code Authorization} (the transport adds the token: see {@link #withTokenFirst()})
     */
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        if (headers.keySet().stream().anyMatch(AUTHORIZATION::equalsIgnoreCase)) {
            // A token set here would bypass the transport's rule of one token per origin (and be
            // stripped by it); the request only says when the transport's own token goes out.
            throw new IllegalArgumentException("the transport sends the token itself: use withTokenFirst(), not an "
                    + AUTHORIZATION + " header");
        }
        Objects.requireNonNull(body, "body");
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxResponseBytes must not be negative, got " + maxResponseBytes);
        }
    }

    /** An idempotent {@code method} request without body or headers, answered by at most 8 MiB. */
    public static ApiRequest of(Method method, URI url) {
        return new ApiRequest(method, url, Map.of(), Optional.empty(), DEFAULT_MAX_RESPONSE_BYTES, true, false);
    }

    /**
     * The same request with {@code name: value} added (replacing a header of that name, whatever its case).
     *
     * @throws IllegalArgumentException for {@code Authorization}: see {@link #withTokenFirst()}
     */
    public ApiRequest withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase(name)) {
                all.put(k, v);
            }
        });
        all.put(name, value);
        return new ApiRequest(method, url, all, body, maxResponseBytes, idempotent, tokenFirst);
    }

    /** The same request with this body. */
    public ApiRequest withBody(String contentType, byte[] bytes) {
        return new ApiRequest(method, url, headers, Optional.of(new Body(contentType, bytes)), maxResponseBytes, idempotent,
                tokenFirst);
    }

    /** The same request, marked as one that must not be sent twice (a publish). */
    public ApiRequest notIdempotent() {
        return new ApiRequest(method, url, headers, body, maxResponseBytes, false, tokenFirst);
    }

    /** The same request with another bound on the answer's size. */
    public ApiRequest withMaxResponseBytes(long max) {
        return new ApiRequest(method, url, headers, body, max, idempotent, tokenFirst);
    }

    /**
     * The same request, sending the transport's token for the URL's origin from the first attempt: a
     * write, which the server always refuses without one, so that asking first would only add a
     * round trip (and a publish's body twice).
     */
    public ApiRequest withTokenFirst() {
        return new ApiRequest(method, url, headers, body, maxResponseBytes, idempotent, true);
    }

    /** How errors name the request: {@code PUT https://r.example/api/v1/packages/new}. */
    public String describe() {
        return method + " " + url;
    }

    /** The method, URL, header names and body size: never a header's value, which may hold anything. */
    @Override
    public String toString() {
        return "ApiRequest[" + describe() + ", headers " + headers.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT))
                .sorted().toList() + body.map(b -> ", " + b).orElse("") + (idempotent ? "" : ", not idempotent")
                + (tokenFirst ? ", token first" : "") + "]";
    }
}
