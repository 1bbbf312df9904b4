package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The additions a registry reader needs, against a real server on loopback: a bearer token sent
 * after a 401 (or first, when asked) and only to its own origin; "no such file" as data; the
 * response's caching headers.
 */
class TokenAndMissingTest {

    private static final String SECRET = "cocoatly_s3cr3t-value";

    private MockWebServer server;
    private MockWebServer other;
    private Transport transport;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(LoopbackServer.LOOPBACK, 0);
        other = new MockWebServer();
        other.start(LoopbackServer.LOOPBACK, 0);
        transport = new Transport(TransportGetTest.FAST.withToken(BearerToken.forOrigin(url("/"), SECRET)));
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
        other.close();
    }

    @Test
    void theTokenGoesOutOnlyAfterA401AndTheRetrySucceeds() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(body("{}"));

        FetchedBytes fetched = transport.getBytes(GetRequest.atMost(url("/registry.json"), 1000), events);

        assertEquals("{}", fetched.text());
        RecordedRequest first = server.takeRequest();
        assertNull(first.getHeaders().get("Authorization"), "the first request has no token");
        assertEquals(UserAgent.VALUE, first.getHeaders().get("User-Agent"));
        assertEquals("Bearer " + SECRET, server.takeRequest().getHeaders().get("Authorization"));
    }

    @Test
    void aTokenFirstRequestSendsItAtOnce() throws InterruptedException {
        server.enqueue(body("{}"));

        transport.getBytes(GetRequest.atMost(url("/index/a.json"), 1000).withTokenFirst(), events);

        assertEquals("Bearer " + SECRET, server.takeRequest().getHeaders().get("Authorization"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aRefusedTokenIsA401ErrorThatNamesTheUrlButNeverTheToken() {
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(new MockResponse.Builder().code(401).build());

        TransportException e = assertThrows(TransportException.class,
                () -> transport.getBytes(GetRequest.atMost(url("/index/a.json"), 1000), events));

        assertEquals(401, e.status().getAsInt());
        assertEquals("GET " + url("/index/a.json") + ": HTTP 401", e.getMessage());
        assertEquals(2, server.getRequestCount(), "one retry with the token, no more");
        assertFalse(events.lines().toString().contains(SECRET));
        assertFalse(String.valueOf(e.hints()).contains(SECRET));
    }

    @Test
    void aRedirectToAnotherOriginNeverCarriesTheToken() throws InterruptedException {
        URI elsewhere = URI.create("http://127.0.0.1:" + other.getPort() + "/index/a.json");
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", elsewhere.toString()).build());
        other.enqueue(body("{}"));

        transport.getBytes(GetRequest.atMost(url("/index/a.json"), 1000).withTokenFirst(), events);

        assertEquals("Bearer " + SECRET, server.takeRequest().getHeaders().get("Authorization"));
        assertNull(other.takeRequest().getHeaders().get("Authorization"), "another port is another origin");
    }

    @Test
    void aRedirectToAnotherSchemeIsNotFollowed() {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location",
                "https://127.0.0.1:" + server.getPort() + "/index/a.json").build());

        TransportException e = assertThrows(TransportException.class,
                () -> transport.getBytes(GetRequest.atMost(url("/index/a.json"), 1000).withTokenFirst(), events));

        assertEquals("GET " + url("/index/a.json") + ": HTTP 302", e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void anotherOriginAnswering401GetsNoTokenEither() throws InterruptedException {
        Transport foreign = new Transport(TransportGetTest.FAST.withToken(
                BearerToken.forOrigin(URI.create("http://127.0.0.1:" + other.getPort() + "/"), SECRET)));
        try (foreign) {
            server.enqueue(new MockResponse.Builder().code(401).build());

            TransportException e = assertThrows(TransportException.class,
                    () -> foreign.getBytes(GetRequest.atMost(url("/a"), 1000).withTokenFirst(), events));

            assertEquals(401, e.status().getAsInt());
            assertNull(server.takeRequest().getHeaders().get("Authorization"));
            assertEquals(1, server.getRequestCount());
        }
    }

    @Test
    void theTokenIsHiddenInEveryToString() {
        BearerToken token = BearerToken.forOrigin(URI.create("https://registry.example/team/"), SECRET);

        assertEquals("BearerToken[https://registry.example:443, secret hidden]", token.toString());
        assertFalse(TransportOptions.defaults().withToken(token).toString().contains(SECRET));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> BearerToken.forOrigin(URI.create("https://r.example/"), SECRET + "\n"));
        assertFalse(bad.getMessage().contains(SECRET));
        assertTrue(token.belongsTo(URI.create("https://REGISTRY.example:443/other")));
        assertFalse(token.belongsTo(URI.create("http://registry.example/team/")));
        assertFalse(token.belongsTo(URI.create("https://registry.example:8443/team/")));
    }

    @Test
    void notFoundGoneAndUnavailableForLegalReasonsAreMissingWhenAsked() {
        for (int status : new int[] {404, 410, 451}) {
            server.enqueue(new MockResponse.Builder().code(status).setHeader("Cache-Control", "max-age=30").build());

            GetOutcome outcome = transport.getBytes(GetRequest.atMost(url("/index/x.json"), 1000).withMissingAsOutcome(),
                    events).outcome();

            assertEquals(new GetOutcome.Missing(status, 1,
                    new CacheDirectives(Optional.of(Duration.ofSeconds(30)), false, false, Duration.ZERO)), outcome);
        }
    }

    @Test
    void aMissingFileStaysAnErrorForRequestsThatDidNotAsk() {
        server.enqueue(new MockResponse.Builder().code(410).build());

        TransportException e = assertThrows(TransportException.class,
                () -> transport.getBytes(GetRequest.atMost(url("/x"), 1000), events));

        assertEquals("http-error", e.code());
        assertEquals("GET " + url("/x") + ": HTTP 410", e.getMessage());
    }

    @Test
    void cacheControlAndAgeComeBackWithTheBody() {
        server.enqueue(new MockResponse.Builder().setHeader("Cache-Control", "public, max-age=60, must-revalidate")
                .setHeader("Age", "15").body(new Buffer().writeUtf8("{}")).build());
        server.enqueue(new MockResponse.Builder().setHeader("Cache-Control", "no-cache, no-store")
                .body(new Buffer().writeUtf8("{}")).build());

        CacheDirectives first = transport.getBytes(GetRequest.atMost(url("/a"), 1000), events).outcome().cache();
        CacheDirectives second = transport.getBytes(GetRequest.atMost(url("/b"), 1000), events).outcome().cache();

        assertEquals(new CacheDirectives(Optional.of(Duration.ofSeconds(60)), false, false, Duration.ofSeconds(15)), first);
        assertEquals(Duration.ofSeconds(45), first.freshFor());
        assertTrue(second.noCache() && second.noStore());
        assertEquals(Duration.ZERO, second.freshFor());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private static MockResponse body(String json) {
        return new MockResponse.Builder().body(new Buffer().writeUtf8(json)).build();
    }
}
