package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conditional GET against a real server on loopback: cached validators go out as
 * {@code If-None-Match} / {@code If-Modified-Since}, and the answer is data, {@code NotModified}
 * or {@code ModifiedOrNew} with the validators to keep.
 */
class ConditionalGetTest {

    private static final String DATE_1 = "Tue, 24 Nov 2026 10:00:00 GMT";
    private static final String DATE_2 = "Wed, 25 Nov 2026 10:00:00 GMT";

    private MockWebServer server;
    private Transport transport;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(LoopbackServer.LOOPBACK, 0);
        transport = new Transport(TransportGetTest.FAST);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void aFirstGetIsUnconditionalAndReturnsTheValidatorsToKeep() throws InterruptedException {
        server.enqueue(index("v1", DATE_1, "{\"versions\": []}"));

        FetchedBytes fetched = transport.getBytes(request(), events);

        assertEquals(new GetOutcome.ModifiedOrNew(16, Validators.of("\"v1\"", DATE_1), 1), fetched.outcome());
        assertEquals("{\"versions\": []}", fetched.text());
        RecordedRequest sent = server.takeRequest();
        assertNull(sent.getHeaders().get("If-None-Match"));
        assertNull(sent.getHeaders().get("If-Modified-Since"));
    }

    @Test
    void anUnchangedResourceIsNotModifiedAndNothingIsWritten() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().code(304).build());
        Validators cached = Validators.of("\"v1\"", DATE_1);
        TransportGetTest.Target target = new TransportGetTest.Target();

        GetOutcome outcome = transport.get(request().ifChangedSince(cached), target, events, Cancellation.never());

        assertEquals(new GetOutcome.NotModified(cached, 1), outcome);
        assertEquals(0, target.opened, "a 304 opens no target stream");
        RecordedRequest sent = server.takeRequest();
        assertEquals("\"v1\"", sent.getHeaders().get("If-None-Match"));
        assertEquals(DATE_1, sent.getHeaders().get("If-Modified-Since"));
        assertEquals(List.of("start /index/a.json", "headers #1 304", "end NotModified attempts=1"), events.lines());
    }

    @Test
    void aNotModifiedAnswerMayRenewTheValidators() {
        server.enqueue(new MockResponse.Builder().code(304).setHeader("ETag", "\"v1b\"").build());

        FetchedBytes fetched = transport.getBytes(request().ifChangedSince(Validators.of("\"v1\"", DATE_1)), events);

        assertFalse(fetched.modified());
        assertEquals(0, fetched.bytes().length);
        assertEquals(Validators.of("\"v1b\"", DATE_1), fetched.outcome().validators(),
                "the new tag replaces the old one, the date is kept");
    }

    @Test
    void aChangedResourceComesWithItsNewValidators() {
        server.enqueue(index("v2", DATE_2, "{\"versions\": [1]}"));

        FetchedBytes fetched = transport.getBytes(request().ifChangedSince(Validators.of("\"v1\"", DATE_1)), events);

        assertEquals(new GetOutcome.ModifiedOrNew(17, Validators.of("\"v2\"", DATE_2), 1), fetched.outcome());
        assertEquals("{\"versions\": [1]}", fetched.text());
    }

    @Test
    void aWeakTagIsSentBackVerbatimAndOnlyTheValidatorsThereAreSent() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().code(304).build());
        Validators weak = Validators.of("W/\"abc\"", null);

        transport.getBytes(request().ifChangedSince(weak), events);

        RecordedRequest sent = server.takeRequest();
        assertEquals("W/\"abc\"", sent.getHeaders().get("If-None-Match"));
        assertNull(sent.getHeaders().get("If-Modified-Since"));
    }

    @Test
    void aNotModifiedAnswerToAnUnconditionalRequestIsAnError() {
        server.enqueue(new MockResponse.Builder().code(304).build());

        TransportException e = assertThrows(TransportException.class, () -> transport.getBytes(request(), events));

        assertEquals("http-error", e.code());
        assertEquals("GET " + url() + ": HTTP 304 to a request that was not conditional", e.getMessage());
    }

    private GetRequest request() {
        return GetRequest.atMost(url(), 1 << 20);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getPort() + "/index/a.json");
    }

    private static MockResponse index(String etag, String lastModified, String json) {
        return new MockResponse.Builder().setHeader("ETag", "\"" + etag + "\"").setHeader("Last-Modified", lastModified)
                .body(new Buffer().writeUtf8(json)).build();
    }
}
