package io.cocoatly.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A real HTTP forward proxy on loopback: absolute-URI requests ({@code GET http://host:port/path})
 * are sent on to the origin on a new connection and the answer relayed back (the client's connection
 * is kept alive when the answer has a {@code Content-Length}); {@code CONNECT host:port} opens a
 * tunnel. It records every request line it received. Given a TLS server socket, it is an
 * {@code https://} proxy.
 */
final class HttpProxy extends LoopbackServer {

    private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());

    HttpProxy(ServerSocket socket) {
        super(socket);
    }

    /** A plain {@code http://} proxy. */
    static HttpProxy plain() throws IOException {
        return new HttpProxy(plainSocket());
    }

    /** Every request line received, e.g. {@code GET http://127.0.0.1:4321/a HTTP/1.1}. */
    List<String> requestLines() {
        synchronized (requestLines) {
            return List.copyOf(requestLines);
        }
    }

    @Override
    void serve(Socket client) throws IOException {
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        for (Optional<HttpHead> next = HttpHead.read(in); next.isPresent(); next = HttpHead.read(in)) {
            HttpHead request = next.get();
            requestLines.add(request.startLine());
            String[] parts = request.startLine().split(" ");
            if (parts[0].equals("CONNECT")) {
                String[] hostPort = parts[1].split(":");
                Socket target = connectLoopback(hostPort[0], Integer.parseInt(hostPort[1]));
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Relay.both(client, in, target, pool);
                return;
            }
            if (!forward(request, parts, out)) {
                return;
            }
        }
    }

    /** Forwards one absolute-URI request; false if the client connection must end after it. */
    private boolean forward(HttpHead request, String[] parts, OutputStream out) throws IOException {
        URI uri = URI.create(parts[1]);
        if (uri.getScheme() == null || !uri.getScheme().equals("http")) {
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return false;
        }
        try (Socket origin = connectLoopback(uri.getHost(), uri.getPort())) {
            List<String> headers = new ArrayList<>();
            for (String h : request.headers()) {
                String name = h.substring(0, h.indexOf(':')).toLowerCase(Locale.ROOT);
                if (!name.equals("connection") && !name.equals("proxy-connection")) {
                    headers.add(h);
                }
            }
            headers.add("Connection: close");
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            origin.getOutputStream().write(new HttpHead(parts[0] + " " + target + " " + parts[2], headers).bytes());
            InputStream fromOrigin = new BufferedInputStream(origin.getInputStream());
            HttpHead response = HttpHead.read(fromOrigin).orElseThrow(() -> new IOException("origin sent nothing"));
            out.write(response.bytes());
            Optional<String> length = response.header("Content-Length");
            if (length.isPresent()) {
                out.write(fromOrigin.readNBytes(Integer.parseInt(length.get())));
                out.flush();
                return true;
            }
            fromOrigin.transferTo(out);
            return false;
        }
    }
}
