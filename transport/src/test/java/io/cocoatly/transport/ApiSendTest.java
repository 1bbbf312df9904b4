package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Transport#send} against a real HTTP server on loopback: methods, bodies, headers, limits and retries. */
class ApiSendTest {

    private static final String SECRET = "cocoatly_secret";
    private static final byte[] PAYLOAD = "\u0001\u0000\u0000\u0000{binary body}".getBytes(StandardCharsets.ISO_8859_1);

    private MockWebServer server;
    private Transport transport;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(LoopbackServer.LOOPBACK, 0);
        transport = new Transport(TransportGetTest.FAST.withToken(BearerToken.forOrigin(url("/"), SECRET)));
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    private URI url(String path) {
        return server.url(path).uri();
    }

    private RecordedRequest taken() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertTrue(r != null, "a request arrived");
        return r;
    }

    @Test
    void aPutCarriesItsBodyAndHeadersAndTheAnswerComesBackWithItsStatus() throws Exception {
        server.enqueue(new MockResponse.Builder().code(409).setHeader("Content-Type", "application/json")
                .body("{\"errors\": [{\"detail\": \"exists\"}]}").build());
        ApiResponse r = transport.send(ApiRequest.of(ApiRequest.Method.PUT, url("/api/v1/packages/new"))
                .withHeader("X-Cocoatly-Test", "kept").withTokenFirst().withBody("application/octet-stream", PAYLOAD)
                .notIdempotent());
        assertEquals(409, r.status());
        assertFalse(r.successful());
        assertEquals("{\"errors\": [{\"detail\": \"exists\"}]}", r.text());
        assertEquals("application/json", r.header("content-TYPE").orElseThrow());
        assertEquals(1, r.attempts());
        RecordedRequest sent = taken();
        assertEquals("PUT", sent.getMethod());
        assertEquals("/api/v1/packages/new", sent.getTarget());
        assertEquals("Bearer " + SECRET, sent.getHeaders().get("Authorization"), "token first: on the first attempt");
        assertEquals("kept", sent.getHeaders().get("X-Cocoatly-Test"));
        assertEquals(UserAgent.VALUE, sent.getHeaders().get("User-Agent"));
        assertEquals("application/octet-stream", sent.getHeaders().get("Content-Type"));
        assertArrayEquals(PAYLOAD, sent.getBody().toByteArray());
    }

    @Test
    void deleteAndGetAndABodylessPut() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().body("{\"ok\": true}").build());
        }
        assertEquals(200, transport.send(ApiRequest.of(ApiRequest.Method.DELETE, url("/a/yank"))).status());
        assertEquals(200, transport.send(ApiRequest.of(ApiRequest.Method.PUT, url("/a/unyank"))).status());
        assertEquals("{\"ok\": true}", transport.send(ApiRequest.of(ApiRequest.Method.GET, url("/a?q=x"))).text());
        assertEquals("DELETE /a/yank", taken().getRequestLine().replace(" HTTP/1.1", ""));
        RecordedRequest put = taken();
        assertEquals("PUT", put.getMethod());
        assertEquals(0, put.getBodySize());
        assertEquals("/a?q=x", taken().getTarget());
    }

    @Test
    void anIdempotentRequestIsRetriedOn500AndAResetAndGetsTheLastAnswer() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(new MockResponse.Builder().body("{\"ok\": true}").build());
        ApiResponse r = transport.send(ApiRequest.of(ApiRequest.Method.DELETE, url("/yank")));
        assertEquals(200, r.status());
        assertEquals(3, r.attempts());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void whenRetriesRunOutTheLastErrorAnswerIsReturnedWithItsBody() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(503).body("{\"errors\": [{\"detail\": \"down " + i + "\"}]}")
                    .build());
        }
        ApiResponse r = transport.send(ApiRequest.of(ApiRequest.Method.GET, url("/search")));
        assertEquals(503, r.status());
        assertEquals(3, r.attempts());
        assertEquals("{\"errors\": [{\"detail\": \"down 2\"}]}", r.text());
    }

    @Test
    void aPublishIsNotSentAgainAfterA500() {
        server.enqueue(new MockResponse.Builder().code(500).body("{\"errors\": [{\"detail\": \"disk\"}]}").build());
        server.enqueue(new MockResponse.Builder().body("{}").build());
        ApiResponse r = transport.send(publish());
        assertEquals(500, r.status());
        assertEquals(1, r.attempts());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aPublishIsSentAgainAfter503Or429WhichSayTheServerDidNotActOnIt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").build());
        server.enqueue(new MockResponse.Builder().body("{\"release\": {}}").build());
        ApiResponse r = transport.send(publish());
        assertEquals(200, r.status());
        assertEquals(3, r.attempts());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(PAYLOAD, taken().getBody().toByteArray(), "attempt " + (i + 1) + " sent the whole body");
        }
    }

    @Test
    void aPublishWhoseConnectionDiesAfterItWasSentIsNotRetriedAndSaysTheOutcomeIsUnknown() {
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(new MockResponse.Builder().body("{}").build());
        TransportException e = assertThrows(TransportException.class, () -> transport.send(publish()));
        assertEquals(TransportException.Reason.OUTCOME_UNKNOWN, e.reason());
        assertEquals("request-outcome-unknown", e.code());
        assertEquals(1, server.getRequestCount());
        assertTrue(e.getMessage().startsWith("PUT " + url("/api/v1/packages/new") + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("after the request was sent; the server may or may not have acted on it,"
                + " so it was not sent again"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertEquals("ApiRequest[PUT " + url("/api/v1/packages/new") + ", headers [], Body[application/octet-stream, "
                + PAYLOAD.length + " bytes], not idempotent, token first]", publish().toString());
    }

    @Test
    void aRefusedConnectionIsRetriedEvenForAPublishSinceNothingWasSent() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, LoopbackServer.LOOPBACK)) {
            closedPort = s.getLocalPort();
        }
        ApiRequest request = ApiRequest.of(ApiRequest.Method.PUT, URI.create("http://127.0.0.1:" + closedPort + "/new"))
                .withBody("application/octet-stream", PAYLOAD).notIdempotent();
        TransportException e = assertThrows(TransportException.class, () -> transport.send(request));
        assertEquals(TransportException.Reason.GAVE_UP, e.reason());
        assertEquals("request-failed", e.code());
        assertEquals(3, e.attempts(), "the first attempt and two retries");
        assertEquals(OptionalInt.empty(), e.status());
    }

    @Test
    void anAnswerOverTheLimitFails() {
        server.enqueue(new MockResponse.Builder().body("x".repeat(2000)).build());
        TransportException e = assertThrows(TransportException.class, () -> transport.send(
                ApiRequest.of(ApiRequest.Method.GET, url("/big")).withMaxResponseBytes(1000)));
        assertEquals(TransportException.Reason.TOO_LARGE, e.reason());
        assertEquals("GET " + url("/big") + ": the server announces 2000 bytes, the limit is 1000 bytes", e.getMessage());
    }

    @Test
    void redirectsAreNotFollowed() {
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "/elsewhere").build());
        ApiResponse r = transport.send(ApiRequest.of(ApiRequest.Method.PUT, url("/new")).withTokenFirst());
        assertEquals(301, r.status());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aReadGoesWithoutTheTokenAndOnceMoreWithItAfterA401() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(new MockResponse.Builder().body("{\"ok\": true}").build());
        ApiResponse r = transport.send(ApiRequest.of(ApiRequest.Method.GET, url("/api/v1/packages/http")));
        assertEquals(200, r.status());
        assertEquals(null, taken().getHeaders().get("Authorization"), "asked without the token first");
        assertEquals("Bearer " + SECRET, taken().getHeaders().get("Authorization"));

        server.enqueue(new MockResponse.Builder().code(401).body("{\"errors\": [{\"detail\": \"revoked\"}]}").build());
        server.enqueue(new MockResponse.Builder().body("{}").build());
        ApiResponse refused = transport.send(ApiRequest.of(ApiRequest.Method.DELETE, url("/a/yank")).withTokenFirst());
        assertEquals(401, refused.status(), "a token sent first and refused is not sent again");
        assertEquals("{\"errors\": [{\"detail\": \"revoked\"}]}", refused.text());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void anotherOriginGetsNoTokenNotEvenOneTheRequestAsksForFirst() throws Exception {
        try (Transport elsewhere = new Transport(TransportGetTest.FAST.withToken(
                BearerToken.forOrigin(URI.create("http://127.0.0.1:1/"), SECRET)))) {
            server.enqueue(new MockResponse.Builder().code(401).build());
            ApiResponse r = elsewhere.send(ApiRequest.of(ApiRequest.Method.PUT, url("/new")).withTokenFirst());
            assertEquals(401, r.status());
            assertEquals(null, taken().getHeaders().get("Authorization"));
            assertEquals(1, server.getRequestCount(), "no token for this origin, so nothing to retry the 401 with");
        }
    }

    @Test
    void aTokenTheServerEchoesIsMaskedInTheAnswer() {
        server.enqueue(new MockResponse.Builder().code(403)
                .body("{\"errors\": [{\"detail\": \"token " + SECRET + " may not yank; " + SECRET + "!\"}]}").build());
        ApiResponse r = transport.send(ApiRequest.of(ApiRequest.Method.DELETE, url("/a/yank")).withTokenFirst());
        assertEquals("{\"errors\": [{\"detail\": \"token <token> may not yank; <token>!\"}]}", r.text());
        assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains(SECRET));
    }

    @Test
    void anAuthorizationHeaderIsRefusedSinceOnlyTheTransportSendsTheToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiRequest.of(
                ApiRequest.Method.PUT, url("/new")).withHeader("authorization", "Bearer " + SECRET));
        assertEquals("the transport sends the token itself: use withTokenFirst(), not an Authorization header",
                e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void onlyHttpUrlsAreSent() {
        TransportException e = assertThrows(TransportException.class, () -> transport.send(
                ApiRequest.of(ApiRequest.Method.GET, URI.create("file:///tmp/x"))));
        assertEquals(TransportException.Reason.BAD_URL, e.reason());
        assertEquals(0, e.attempts());
    }

    @Test
    void theRetryRuleAsATable() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertTrue(ApiSender.retryable(status, true), "idempotent " + status);
        }
        for (int status : new int[] {200, 301, 400, 401, 403, 404, 409, 413, 422}) {
            assertFalse(ApiSender.retryable(status, true), "idempotent " + status);
            assertFalse(ApiSender.retryable(status, false), "not idempotent " + status);
        }
        for (int status : new int[] {408, 500, 502, 504}) {
            assertFalse(ApiSender.retryable(status, false), "not idempotent " + status);
        }
        assertTrue(ApiSender.retryable(429, false));
        assertTrue(ApiSender.retryable(503, false));
    }

    private ApiRequest publish() {
        return ApiRequest.of(ApiRequest.Method.PUT, url("/api/v1/packages/new"))
                .withTokenFirst()
                .withBody("application/octet-stream", PAYLOAD).notIdempotent();
    }
}
