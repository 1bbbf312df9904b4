package io.cocoatly.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The head of an HTTP/1.x message as the test servers read it: the start line and the header
 * lines, read byte by byte so that nothing of the body is consumed.
 *
 * @param startLine e.g. {@code GET /a HTTP/1.1} or {@code HTTP/1.1 200 OK}
 * @param headers   header lines as sent, {@code Name: value}
 */
record HttpHead(String startLine, List<String> headers) {

    /** The next head on {@code in}, or empty at a clean end of stream before any byte. */
    static Optional<HttpHead> read(InputStream in) throws IOException {
        String start = line(in);
        if (start == null) {
            return Optional.empty();
        }
        List<String> headers = new ArrayList<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            headers.add(l);
        }
        return Optional.of(new HttpHead(start, headers));
    }

    /** The first value of header {@code name}, compared case-insensitively. */
    Optional<String> header(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(h -> h.substring(prefix.length()).strip()).findFirst();
    }

    /** The head as sent on the wire, ending with the empty line. */
    byte[] bytes() {
        StringBuilder b = new StringBuilder(startLine).append("\r\n");
        headers.forEach(h -> b.append(h).append("\r\n"));
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
}
