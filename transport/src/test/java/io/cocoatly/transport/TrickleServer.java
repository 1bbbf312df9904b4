package io.cocoatly.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A real HTTP server on loopback that announces a body of {@code size} bytes and then sends it one
 * byte at a time, {@code every} apart: always just inside a read timeout longer than that, so only
 * an overall deadline ends the download.
 */
final class TrickleServer extends LoopbackServer {

    private final int size;
    private final Duration every;

    TrickleServer(int size, Duration every) throws IOException {
        super(plainSocket());
        this.size = size;
        this.every = every;
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
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + size + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        try {
            for (int i = 0; i < size; i++) {
                Thread.sleep(every.toMillis());
                out.write('x');
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
