package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A registry over HTTP on loopback that accepts connections and never answers, until closed: a
 * command that reads it waits there, for as long as its network timeout, so that a test can look at
 * a daemon while the command runs.
 */
final class SilentRegistry implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private SilentRegistry(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(server.accept());
                }
            } catch (IOException e) {
                // closed by the test
            }
        }, "silent-registry");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free loopback port. */
    static SilentRegistry start() throws IOException {
        return new SilentRegistry(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** Its URL, for {@code --registry}. */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/";
    }

    /** Connections accepted so far. */
    int connections() {
        return held.size();
    }

    /** Waits until a command has connected, failing after 60 s or once {@code stillRunning} is false. */
    void awaitConnection(BooleanSupplier stillRunning) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (held.isEmpty()) {
            assertTrue(System.nanoTime() < deadline && stillRunning.getAsBoolean(), "the command never asked the registry");
            Thread.sleep(10);
        }
    }

    /** Stops listening and closes every connection, so that whoever still waits on one fails. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
