package io.cocoatly.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The socket plumbing the test servers and proxies share: a server socket on 127.0.0.1, one thread
 * per accepted connection, a count of connections, and a close that ends everything.
 */
abstract class LoopbackServer implements AutoCloseable {

    /** 127.0.0.1, the only address the tests use. */
    static final InetAddress LOOPBACK = loopback();

    protected final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, getClass().getSimpleName());
        t.setDaemon(true);
        return t;
    });
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    LoopbackServer(ServerSocket server) {
        this.server = server;
        pool.execute(this::acceptLoop);
    }

    static ServerSocket plainSocket() throws IOException {
        return new ServerSocket(0, 50, LOOPBACK);
    }

    /** The port accepted connections arrive on. */
    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Serves one accepted connection; the socket is closed afterwards. */
    abstract void serve(Socket socket) throws IOException;

    /** Opens a connection to {@code host:port}, refusing anything but loopback. */
    Socket connectLoopback(String host, int port) throws IOException {
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new IOException("this test proxy only connects to loopback, not " + host);
        }
        Socket s = new Socket(LOOPBACK, port);
        open.add(s);
        return s;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                pool.execute(() -> {
                    try {
                        serve(s);
                    } catch (IOException e) {
                        // The peer went away mid-exchange; the test asserts what the client saw.
                    } finally {
                        Relay.closeQuietly(s);
                        open.remove(s);
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        Relay.closeQuietly(server);
        open.forEach(Relay::closeQuietly);
        pool.shutdownNow();
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
