package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The network failures everybody meets are said in words, not by a Java type: each kind as
 * {@link Failures#describe} words it, and a real refused connection and a TLS client talking to a
 * plain HTTP server end to end (that one not retried, since every attempt would meet the same).
 */
class FailureWordsTest {

    private static final TransportOptions ONCE = TransportOptions.defaults().withRetries(0)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).withTimeout(Duration.ofSeconds(5));

    @Test
    void eachKindIsWordedWithItsDetail() {
        ConnectException refused = new ConnectException("Failed to connect to /127.0.0.1:1");
        refused.initCause(new ConnectException("Connection refused"));
        assertEquals("Failed to connect to /127.0.0.1:1 (Connection refused)", Failures.describe(refused));
        assertEquals("unknown host: no-such-host.invalid", Failures.describe(new UnknownHostException("no-such-host.invalid")));
        assertEquals("timed out", Failures.describe(new SocketTimeoutException("timeout")));
        assertEquals("timed out: Read timed out", Failures.describe(new SocketTimeoutException("Read timed out")));
        assertEquals("TLS handshake failed: PKIX path building failed",
                Failures.describe(new SSLHandshakeException("PKIX path building failed")));
        assertEquals("EOFException: \\n not found: limit=0", Failures.describe(new EOFException("\\n not found: limit=0")));
    }

    @Test
    void aRefusedConnectionSaysSo() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closed + "/registry.json");
        try (Transport transport = new Transport(ONCE)) {
            TransportException e = assertThrows(TransportException.class, () -> transport.get(GetRequest.atMost(url, 1000),
                    new TransportGetTest.Target(), TransportListener.NONE, Cancellation.never()));
            assertEquals("GET " + url + ": Failed to connect to /127.0.0.1:" + closed + " (Connection refused) (gave up after 1"
                    + " attempt)", e.getMessage());
        }
    }

    @Test
    void tlsToAPlainHttpServerAsksWhetherItIsOne() throws Exception {
        // A plain HTTP server answers a TLS client hello with an HTTP error, as Jetty and nginx do.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (java.net.Socket s = server.accept()) {
                    s.getInputStream().read(new byte[512]);
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test's assertion reports what the client saw
                }
            });
            answering.start();
            URI url = URI.create("https://127.0.0.1:" + server.getLocalPort() + "/registry.json");
            try (Transport transport = new Transport(ONCE.withRetries(3))) {
                TransportException e = assertThrows(TransportException.class, () -> transport.get(GetRequest.atMost(url, 1000),
                        new TransportGetTest.Target(), TransportListener.NONE, Cancellation.never()));
                assertTrue(e.getMessage().startsWith("GET " + url + ": TLS failed: "), e.getMessage());
                assertTrue(e.getMessage().endsWith("(does the server speak plain http:// on this port?); not retried: another"
                        + " attempt would meet the same"), e.getMessage());
                assertEquals("tls-failed", e.code());
                assertEquals(1, e.attempts(), "a server that does not speak TLS is not tried again");
            }
            answering.join(5_000);
        }
        SSLException plain = new SSLException("Unsupported or unrecognized SSL message");
        assertEquals("TLS failed: Unsupported or unrecognized SSL message (does the server speak plain http:// on this port?)",
                Failures.describe(plain));
    }
}
