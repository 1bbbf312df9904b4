package io.cocoatly.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Copies bytes both ways between two sockets, as a tunnelling proxy does, keeping half-closes. */
final class Relay {

    private Relay() {
    }

    /**
     * Relays {@code clientIn} to {@code server} and {@code server} back to {@code client} until both
     * directions ended, then closes both sockets. {@code clientIn} may hold bytes already buffered.
     */
    static void both(Socket client, InputStream clientIn, Socket server, ExecutorService pool) {
        try {
            Future<?> up = pool.submit(() -> pipe(clientIn, server));
            pipe(server.getInputStream(), client);
            up.get();
        } catch (Exception e) {
            // One side went away; closing both below ends the other direction too.
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    /** Copies {@code in} to {@code to} until end of stream, then half-closes {@code to}'s output. */
    static void pipe(InputStream in, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            out.flush();
            shutdownOutput(to);
        } catch (IOException e) {
            closeQuietly(to);
        }
    }

    private static void shutdownOutput(Socket s) {
        try {
            s.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // TLS sockets cannot half-close; the final close ends them.
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing in teardown; nothing useful to report.
        }
    }
}
