package io.cocoatly.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that answers one request per connection and then closes it, the
 * way {@code python3 -m http.server} does. In {@link Style#HTTP_1_0} it says {@code HTTP/1.0} (which
 * by itself announces the close); in {@link Style#SILENT_CLOSE} it says {@code HTTP/1.1} with nothing
 * about closing, like a server whose keep-alive timeout fires right after the response.
 */
final class ClosingServer extends LoopbackServer {

    /** How the server announces (or not) that it closes. */
    enum Style { HTTP_1_0, SILENT_CLOSE }

    private final Style style;
    private final Map<String, byte[]> files;
    private final AtomicInteger requests = new AtomicInteger();

    ClosingServer(Style style, Map<String, byte[]> files) throws IOException {
        super(plainSocket());
        this.style = style;
        this.files = Map.copyOf(files);
    }

    /** Requests answered so far. */
    int requests() {
        return requests.get();
    }

    /** The URL of {@code path} on this server. */
    java.net.URI url(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port() + path);
    }

    @Override
    void serve(Socket socket) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        Optional<HttpHead> request = HttpHead.read(in);
        if (request.isEmpty()) {
            return;
        }
        requests.incrementAndGet();
        String path = request.get().startLine().split(" ")[1];
        byte[] body = files.get(path);
        String version = style == Style.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
        String head = body == null
                ? version + " 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                : version + " 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        // Returning closes the socket: one response per connection, whatever the client hoped.
    }
}
