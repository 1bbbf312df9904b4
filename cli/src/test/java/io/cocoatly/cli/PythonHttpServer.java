package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code python3 -m http.server} serving a directory on {@code 127.0.0.1}, a free port: a plain
 * static server (HTTP/1.0, {@code Last-Modified} and 304, no {@code ETag}, no {@code Cache-Control}),
 * as the registry protocol says any static host is. Tests that need it are skipped, with a message,
 * where {@code python3} is not on the {@code PATH}. Its access log goes to a file.
 */
final class PythonHttpServer implements AutoCloseable {

    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final Process process;
    private final int port;
    private final Path log;

    private PythonHttpServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts serving {@code dir}, logging to {@code log}; skips the test if there is no {@code python3}. */
    static PythonHttpServer serve(Path dir, Path log) throws Exception {
        Optional<Path> python = onPath("python3");
        Assumptions.assumeTrue(python.isPresent(), "python3 is not on PATH: skipping the test against"
                + " `python3 -m http.server`");
        int port = freePort();
        Process process = new ProcessBuilder(python.get().toString(), "-u", "-m", "http.server", "--bind", "127.0.0.1",
                Integer.toString(port)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        PythonHttpServer server = new PythonHttpServer(process, port, log);
        try {
            server.awaitListening();
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The root URL, ending in {@code /}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The access log: one line per request, e.g. {@code "GET /index/a.json HTTP/1.1" 200 -}. */
    Path log() {
        return log;
    }

    /** Waits until the server accepts connections; fails with its output if it exits first. */
    private void awaitListening() throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                fail("python3 -m http.server exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("python3 -m http.server did not listen on port " + port + ": " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByAddress(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).map(p -> Path.of(p, program))
                .filter(Files::isExecutable).findFirst();
    }

    /** Stops the server and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
