package io.cocoatly.transport;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an API answered: any status (an error status is an answer too, whose body says why), its
 * headers and its whole body, never longer than the request allowed.
 *
 * @param status   the HTTP status of the last attempt
 * @param headers  header names in lower case, each with its first value
 * @param body     the body, copied in and out; any echo of the transport's token for the request's
 *                 origin is replaced by {@code <token>} ({@link Transport#send})
 * @param attempts attempts made, at least 1
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body, int attempts) {

    /** Copies the values. */
    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the status is 2xx. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header, by its name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Status, size and attempts: the body may be large. */
    @Override
    public String toString() {
        return "ApiResponse[" + status + ", " + body.length + " bytes, " + attempts + " attempts]";
    }
}
