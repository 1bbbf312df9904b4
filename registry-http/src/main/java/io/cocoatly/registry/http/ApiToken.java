package io.cocoatly.registry.http;

import java.util.Objects;

/**
 * A bearer token for a registry's write API (docs/registry-protocol.md §1.5). Its text is only ever
 * put in an {@code Authorization} header: {@link #toString()} hides it, so that no message, log or
 * {@code --verbose} stack trace can show it.
 *
 * @param value the token's text, e.g. {@code cocoatly_…}
 */
public record ApiToken(String value) {

    /**
     * Checks the value.
     *
     * @throws IllegalArgumentException if it is blank or holds a line break (it would end the header)
     */
    public ApiToken {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a token is one non-blank line");
        }
    }

    /** The header value: {@code Bearer <token>}. */
    String header() {
        return "Bearer " + value;
    }

    /** {@code text} with every occurrence of the token replaced, for text that came from elsewhere (a server's error detail). */
    String scrub(String text) {
        return text.replace(value, "<token>");
    }

    /** Never the token's text. */
    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }
}
