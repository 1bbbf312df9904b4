package io.cocoatly.transport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A secret sent as {@code Authorization: Bearer <token>}, bound to the one origin (scheme, host and
 * port) it belongs to. The transport sends it only to that origin: never to another host, port or
 * scheme, even when a redirect leads there. Its {@link #toString} never shows the secret, and the
 * transport never puts it in an exception message or a listener event.
 */
public final class BearerToken {

    private final String scheme;
    private final String host;
    private final int port;
    private final String secret;

    private BearerToken(String scheme, String host, int port, String secret) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.secret = secret;
    }

    /**
     * The token {@code secret} for the origin of {@code url}, e.g. a registry's base URL.
     *
     * @throws IllegalArgumentException if {@code url} is not an absolute {@code http(s)} URL with a
     *     host, or the secret is empty or holds a character a header cannot carry (the message never
     *     quotes the secret)
     */
    public static BearerToken forOrigin(URI url, String secret) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("a token belongs to an http(s) URL with a host, got " + url);
        }
        if (secret.isEmpty() || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a token is printable ASCII without spaces, and not empty");
        }
        return new BearerToken(scheme, url.getHost().toLowerCase(Locale.ROOT), portOf(url), secret);
    }

    /** Whether {@code url} is on this token's origin: the same scheme, host and port. */
    public boolean belongsTo(URI url) {
        return url.getScheme() != null && url.getHost() != null
                && scheme.equals(url.getScheme().toLowerCase(Locale.ROOT))
                && host.equals(url.getHost().toLowerCase(Locale.ROOT)) && port == portOf(url);
    }

    /** The origin, e.g. {@code https://registry.example:443}: what may be said about the token. */
    public String origin() {
        return scheme + "://" + host + ":" + port;
    }

    /** The header value; only {@link HttpFetcher} reads it, when it sends the token. */
    String headerValue() {
        return "Bearer " + secret;
    }

    /**
     * {@code bytes} with every occurrence of the secret replaced by {@code <token>}: for what a server
     * sent back, which may echo the token. Working on bytes is safe for UTF-8 text, since the secret
     * is printable ASCII and no byte of a multi-byte character is ASCII.
     */
    byte[] redact(byte[] bytes) {
        byte[] needle = secret.getBytes(StandardCharsets.US_ASCII);
        byte[] mask = "<token>".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            if (startsAt(bytes, i, needle)) {
                out.write(mask, 0, mask.length);
                i += needle.length;
            } else {
                out.write(bytes[i++]);
            }
        }
        return out.toByteArray();
    }

    private static boolean startsAt(byte[] bytes, int at, byte[] needle) {
        if (at + needle.length > bytes.length) {
            return false;
        }
        for (int k = 0; k < needle.length; k++) {
            if (bytes[at + k] != needle[k]) {
                return false;
            }
        }
        return true;
    }

    private static int portOf(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** Names the origin only, never the secret. */
    @Override
    public String toString() {
        return "BearerToken[" + origin() + ", secret hidden]";
    }
}
