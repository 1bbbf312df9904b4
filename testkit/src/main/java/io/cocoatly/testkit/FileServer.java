package io.cocoatly.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback ({@code 127.0.0.1}, a free port) serving the files below a directory,
 * as a static registry host does: {@code GET /<path>} answers 200 with the file's bytes, or 404 for
 * anything that is not a regular file inside the directory. It can serve slowly (a pause after each
 * 256-byte chunk), so that a test can act while a download is under way, and it counts the requests it
 * answered. Used by the installer's tests and the install benchmark; close it to stop it.
 */
public final class FileServer implements AutoCloseable {

    private static final int SLOW_CHUNK_BYTES = 256;

    private final Path root;
    private final long pauseMillisPerChunk;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
        // Daemon threads: a test or benchmark that forgets to close the server still lets the JVM exit.
        Thread t = new Thread(r, "file-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();

    /**
     * Starts serving {@code root}.
     *
     * @param pauseMillisPerChunk 0 to send each file at once, otherwise the pause after each 256-byte chunk
     * @throws IOException if no loopback port can be bound
     */
    public FileServer(Path root, long pauseMillisPerChunk) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.pauseMillisPerChunk = pauseMillisPerChunk;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(pool);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts serving {@code root} at full speed. */
    public static FileServer of(Path root) throws IOException {
        return new FileServer(root, 0);
    }

    /** The root URL, ending in {@code /}: a registry URL when {@code root} is a registry directory. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** How many requests were answered so far, whatever their status. */
    public int requests() {
        return requests.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            // HttpServer reads a length of 0 as "chunked"; -1 is how it sends an empty body.
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                int chunk = pauseMillisPerChunk > 0 ? SLOW_CHUNK_BYTES : Math.max(1, bytes.length);
                for (int off = 0; off < bytes.length; off += chunk) {
                    out.write(bytes, off, Math.min(chunk, bytes.length - off));
                    out.flush();
                    if (pauseMillisPerChunk > 0) {
                        Thread.sleep(pauseMillisPerChunk);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the server at once, dropping requests under way. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
