package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Transport#get} against a real HTTP server on loopback: bodies, limits, retries, events, errors. */
class TransportGetTest {

    static final TransportOptions FAST = TransportOptions.defaults().withRetries(2)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).withTimeout(Duration.ofSeconds(5));

    @TempDir
    Path tmp;

    private MockWebServer server;
    private Transport transport;
    private final RecordingListener events = new RecordingListener();
    private final byte[] body = randomBytes(100_000);

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(LoopbackServer.LOOPBACK, 0);
        transport = new Transport(FAST);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void aBodyArrivesWholeWithProgressAndPairedEvents() {
        server.enqueue(ok(body));
        Target target = new Target();

        GetOutcome outcome = transport.get(GetRequest.exactly(url("/a.tar.gz"), body.length), target, events,
                Cancellation.never());

        assertEquals(new GetOutcome.ModifiedOrNew(body.length, Validators.NONE, 1), outcome);
        assertArrayEquals(body, target.last.toByteArray());
        assertEquals(List.of("start /a.tar.gz", "headers #1 200", "end ModifiedOrNew attempts=1"), events.lines());
        assertEquals(body.length, events.maxProgress());
        assertEquals("identity", takeHeader("Accept-Encoding"));
    }

    @Test
    void serverErrorsAreRetriedThenReportedWithTheUrlAndStatus() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(503).build());
        }

        TransportException e = assertThrows(TransportException.class, () -> get(GetRequest.exactly(url("/a"), 10)));

        assertEquals(TransportException.Reason.GAVE_UP, e.reason());
        assertEquals("download-failed", e.code());
        assertEquals("GET " + url("/a") + ": HTTP 503 (gave up after 3 attempts)", e.getMessage());
        assertEquals(OptionalInt.of(503), e.status());
        assertEquals(3, e.attempts());
        assertEquals(url("/a"), e.url());
        assertEquals(List.of("start /a", "headers #1 503", "retry #1 HTTP 503", "headers #2 503", "retry #2 HTTP 503",
                "headers #3 503", "failed download-failed"), events.lines());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void aRetryThatSucceedsCountsItsAttempts() {
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(ok(body).newBuilder().onResponseBody(new SocketEffect.CloseSocket()).build());
        server.enqueue(ok(body));

        GetOutcome outcome = get(GetRequest.exactly(url("/a"), body.length));

        assertEquals(3, outcome.attempts());
        assertEquals(2, events.only("retry").size(), events.lines().toString());
        assertEquals("retry #1 HTTP 500", events.only("retry").get(0));
        assertEquals(List.of(), events.only("stale"), "the body broke after the headers: a real failure");
    }

    @Test
    void aPooledConnectionClosedBeforeTheAnswerIsReplacedWithoutARetry() {
        server.enqueue(ok(body));
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(ok(body));
        get(GetRequest.exactly(url("/a"), body.length));

        GetOutcome second = get(GetRequest.exactly(url("/b"), body.length));

        assertEquals(1, second.attempts());
        assertEquals(List.of("start /a", "headers #1 200", "end ModifiedOrNew attempts=1",
                "start /b", "stale #1", "headers #1 200", "end ModifiedOrNew attempts=1"), events.lines());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void retryAfterIsHonouredUpToTheCap() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "120").build());
        server.enqueue(ok(body));
        transport.close();
        transport = new Transport(FAST.withMaxRetryAfter(Duration.ofMillis(30)));

        get(GetRequest.exactly(url("/a"), body.length));

        assertEquals(List.of(Duration.ofMillis(30)), events.retryDelays());
    }

    @Test
    void aShortBodyOfAnExactSizeIsTruncatedAndRetried() {
        server.enqueue(ok(java.util.Arrays.copyOf(body, 99_000)));
        server.enqueue(ok(body));
        Target target = new Target();

        GetOutcome outcome = transport.get(GetRequest.exactly(url("/a"), body.length), target, events,
                Cancellation.never());

        assertEquals(2, outcome.attempts());
        assertEquals(List.of("retry #1 truncated body: 99000 of 100000 bytes"), events.only("retry"));
        assertArrayEquals(body, target.last.toByteArray(), "the second attempt starts a fresh stream");
        assertEquals(2, target.opened);
    }

    @Test
    void aBodyUnderTheLimitIsFineWhenTheSizeIsNotExact() {
        server.enqueue(ok("{}".getBytes()));
        assertEquals(2, ((GetOutcome.ModifiedOrNew) get(GetRequest.atMost(url("/i.json"), 1000))).size());
    }

    @Test
    void notFoundFailsAtOnceNamingTheUrlAndStatus() {
        server.enqueue(new MockResponse.Builder().code(404).build());

        TransportException e = assertThrows(TransportException.class, () -> get(GetRequest.exactly(url("/gone"), 10)));

        assertEquals(TransportException.Reason.HTTP_STATUS, e.reason());
        assertEquals("http-error", e.code());
        assertEquals("GET " + url("/gone") + ": HTTP 404", e.getMessage());
        assertEquals(List.of("the server has no such file; check the URL"), e.hints());
        assertEquals(1, e.attempts());
        assertEquals(List.of("start /gone", "headers #1 404", "failed http-error"), events.lines());
    }

    @Test
    void anAnnouncedLengthOverTheLimitFailsBeforeTheBody() {
        server.enqueue(ok(body));

        TransportException e = assertThrows(TransportException.class,
                () -> get(GetRequest.atMost(url("/i.json"), 1000)));

        assertEquals("response-too-large", e.code());
        assertEquals("GET " + url("/i.json") + ": the server announces 100000 bytes, the limit is 1000 bytes",
                e.getMessage());
        assertEquals(-1, events.maxProgress());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aStreamedBodyOverTheLimitStopsAtTheLimit() {
        server.enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(body), 4096).build());
        Target target = new Target();

        TransportException e = assertThrows(TransportException.class, () -> transport.get(
                GetRequest.exactly(url("/a"), 50_000), target, events, Cancellation.never()));

        assertEquals("artifact-too-large", e.code());
        assertEquals(TransportException.Reason.TOO_LARGE, e.reason());
        assertTrue(target.last.size() <= 50_000, "wrote " + target.last.size());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aFailingTargetIsFatalAndNotRetried() {
        server.enqueue(ok(body));
        BodyTarget broken = () -> {
            throw new IOException("disk full");
        };

        TransportException e = assertThrows(TransportException.class, () -> transport.get(
                GetRequest.exactly(url("/a"), body.length), broken, events, Cancellation.never()));

        assertEquals(TransportException.Reason.TARGET, e.reason());
        assertEquals("GET " + url("/a") + ": writing the body failed: IOException: disk full", e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a broken cancellation would wait out an hour of backoff
    void cancellingEndsTheWaitBeforeTheNextAttempt() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        transport.close();
        transport = new Transport(FAST.withBackoff(Duration.ofHours(1), Duration.ofHours(1)));
        Cancellation cancellation = new Cancellation();
        TransportListener cancelOnRetry = new TransportListener() {
            @Override
            public void retryScheduled(GetRequest request, int attempt, Duration delay, String reason) {
                cancellation.cancel();
            }
        };

        TransportException e = assertThrows(TransportException.class, () -> transport.get(
                GetRequest.exactly(url("/a"), 10), new Target(), cancelOnRetry, cancellation));

        assertEquals(TransportException.Reason.CANCELLED, e.reason());
        assertEquals("download-cancelled", e.code());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void fileUrlsAreReadLocallyAndNeverRetried() throws IOException {
        Path file = Files.write(tmp.resolve("a.tar.gz"), body);
        Target target = new Target();

        GetOutcome outcome = transport.get(GetRequest.exactly(file.toUri(), body.length), target, events,
                Cancellation.never());

        assertEquals(new GetOutcome.ModifiedOrNew(body.length, Validators.NONE, 1), outcome);
        assertArrayEquals(body, target.last.toByteArray());
        TransportException missing = assertThrows(TransportException.class,
                () -> get(GetRequest.exactly(tmp.resolve("none").toUri(), 1)));
        assertEquals(TransportException.Reason.LOCAL_FILE, missing.reason());
        assertEquals("no such file: " + tmp.resolve("none"), missing.getMessage());
    }

    @Test
    void fileUrlsNeedNoHttpClientsWhichAreMadeAtTheFirstHttpGetAndNeverAfterClosing() throws IOException {
        Path file = Files.write(tmp.resolve("a.tar.gz"), body);
        get(GetRequest.exactly(file.toUri(), body.length));
        assertFalse(transport.httpMade(), "a file: get made OkHttp's clients (and loaded the trust store)");

        server.enqueue(ok(body));
        get(GetRequest.exactly(url("/a.tar.gz"), body.length));
        assertTrue(transport.httpMade());

        transport.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> get(GetRequest.exactly(url("/b.tar.gz"), body.length)));
        assertEquals("the transport is closed", closed.getMessage());
        // A file: get needs nothing the closing released.
        assertEquals(new GetOutcome.ModifiedOrNew(body.length, Validators.NONE, 1),
                get(GetRequest.exactly(file.toUri(), body.length)));
    }

    @Test
    void aTransportClosedBeforeAnyHttpGetMakesNoClients() {
        Transport unused = new Transport(FAST);
        unused.close();
        assertFalse(unused.httpMade());
    }

    @Test
    void otherSchemesAreRefusedBeforeAnyAttempt() {
        TransportException e = assertThrows(TransportException.class,
                () -> get(GetRequest.exactly(URI.create("ftp://127.0.0.1/a.tar.gz"), 1)));
        assertEquals(TransportException.Reason.BAD_URL, e.reason());
        assertEquals("unsupported URL scheme: ftp://127.0.0.1/a.tar.gz", e.getMessage());
        assertEquals(0, e.attempts());
    }

    @Test
    void smallBodiesComeBackAsBytes() {
        server.enqueue(ok("{\"name\": \"a\"}".getBytes()));

        FetchedBytes fetched = transport.getBytes(GetRequest.atMost(url("/index/a.json"), 1 << 20), events);

        assertTrue(fetched.modified());
        assertEquals("{\"name\": \"a\"}", fetched.text());
    }

    @Test
    void optionsRefuseAProxySchemeTheyDoNotKnow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FAST.withProxy(Optional.of(URI.create("ftp://127.0.0.1:21"))));
        assertEquals("a proxy is http://, https:// or socks5://host:port, got ftp://127.0.0.1:21", e.getMessage());
    }

    private GetOutcome get(GetRequest request) {
        return transport.get(request, new Target(), events, Cancellation.never());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private String takeHeader(String name) {
        try {
            return server.takeRequest().getHeaders().get(name);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static MockResponse ok(byte[] bytes) {
        return new MockResponse.Builder().body(new Buffer().write(bytes)).build();
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Keeps every attempt's stream; the last one holds the body. */
    static final class Target implements BodyTarget {
        ByteArrayOutputStream last = new ByteArrayOutputStream();
        int opened;

        @Override
        public OutputStream open() {
            opened++;
            last = new ByteArrayOutputStream();
            return last;
        }
    }
}
