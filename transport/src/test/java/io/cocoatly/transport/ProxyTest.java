package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network.proxy} through real proxies on loopback: an HTTP forward proxy, the same proxy
 * behind TLS ({@code https://}), and a SOCKS 5 proxy. Each test asserts what the proxy itself saw,
 * so a request that went around it, or spoke the wrong protocol to it, fails.
 */
class ProxyTest {

    @TempDir
    static Path keys;

    private static LoopbackTls tls;

    private MockWebServer origin;
    private final byte[] body = TransportGetTest.randomBytes(30_000);
    private final RecordingListener events = new RecordingListener();

    @BeforeAll
    static void certificate() throws Exception {
        tls = LoopbackTls.create(keys);
    }

    @BeforeEach
    void start() throws IOException {
        origin = new MockWebServer();
    }

    @AfterEach
    void stop() {
        origin.close();
    }

    @Test
    void anHttpProxyGetsAbsoluteUriRequestsOnOneKeptAliveConnection() throws Exception {
        startOrigin(false);
        try (HttpProxy proxy = HttpProxy.plain();
             Transport transport = new Transport(via("http", proxy.port()))) {
            fetch(transport, "/a");
            fetch(transport, "/b");

            assertEquals(List.of("GET " + originUrl("/a") + " HTTP/1.1", "GET " + originUrl("/b") + " HTTP/1.1"),
                    proxy.requestLines());
            assertEquals(1, proxy.connections());
            assertEquals(2, origin.getRequestCount());
        }
    }

    @Test
    void aSocks5ProxyIsSpokenToAsSocksAndGivenTheHostToResolve() throws Exception {
        startOrigin(false);
        try (Socks5Proxy proxy = new Socks5Proxy();
             Transport transport = new Transport(via("socks5", proxy.port()))) {
            fetch(transport, "/a");

            assertEquals(List.of(), proxy.errors(), "the proxy was spoken to in SOCKS 5, not in HTTP");
            assertEquals(List.of("127.0.0.1:" + origin.getPort()), proxy.destinations());
            assertEquals(1, proxy.connections());
            assertEquals("/a", origin.takeRequest().getTarget(), "through SOCKS the origin gets an ordinary request");
        }
    }

    @Test
    void anHttpsProxyIsReachedOverTlsAndItsCertificateIsChecked() throws Exception {
        startOrigin(false);
        try (HttpProxy proxy = new HttpProxy(tls.serverSocket());
             Transport transport = new Transport(via("https", proxy.port()), Optional.of(tls.clientTrust()))) {
            fetch(transport, "/a");
            assertEquals(List.of("GET " + originUrl("/a") + " HTTP/1.1"), proxy.requestLines());
        }
        try (HttpProxy proxy = new HttpProxy(tls.serverSocket());
             Transport untrusting = new Transport(via("https", proxy.port()).withRetries(2))) {
            TransportException e = assertThrows(TransportException.class, () -> fetch(untrusting, "/a"));
            assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
            assertEquals(TransportException.Reason.TLS, e.reason());
            assertEquals(1, e.attempts(), "a certificate that is not trusted is not tried again");
            assertEquals(List.of(), proxy.requestLines(), "no request is sent to a proxy that is not trusted");
        }
    }

    @Test
    void anHttpsOriginIsTunnelledThroughAnHttpProxyWithConnect() throws Exception {
        startOrigin(true);
        try (HttpProxy proxy = HttpProxy.plain();
             Transport transport = new Transport(via("http", proxy.port()), Optional.of(tls.clientTrust()))) {
            fetch(transport, "/a");
            assertEquals(List.of("CONNECT 127.0.0.1:" + origin.getPort() + " HTTP/1.1"), proxy.requestLines());
        }
    }

    @Test
    void anHttpsOriginIsTunnelledThroughSocks5() throws Exception {
        startOrigin(true);
        try (Socks5Proxy proxy = new Socks5Proxy();
             Transport transport = new Transport(via("socks5", proxy.port()), Optional.of(tls.clientTrust()))) {
            fetch(transport, "/a");
            assertEquals(List.of("127.0.0.1:" + origin.getPort()), proxy.destinations());
            assertEquals(List.of(), proxy.errors());
        }
    }

    private void startOrigin(boolean https) throws IOException {
        if (https) {
            origin.useHttps(tls.serverSocketFactory());
        }
        for (int i = 0; i < 2; i++) {
            origin.enqueue(TransportGetTest.ok(body));
        }
        origin.start(LoopbackServer.LOOPBACK, 0);
    }

    private void fetch(Transport transport, String path) {
        TransportGetTest.Target target = new TransportGetTest.Target();
        transport.get(GetRequest.exactly(originUrl(path), body.length), target, events, Cancellation.never());
        assertArrayEquals(body, target.last.toByteArray());
    }

    private URI originUrl(String path) {
        String scheme = origin.url("/").isHttps() ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + origin.getPort() + path);
    }

    private static TransportOptions via(String scheme, int port) {
        return TransportGetTest.FAST.withProxy(Optional.of(URI.create(scheme + "://127.0.0.1:" + port)));
    }
}
