package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Servers that close connections after each response, against a pooling client: an HTTP/1.0 server
 * (what {@code python3 -m http.server} is) and an HTTP/1.1 server whose keep-alive ends silently.
 * Every get must succeed on its first attempt, without a single counted retry.
 */
class ConnectionReuseTest {

    private static final int FILES = 12;

    private final Map<String, byte[]> files = new HashMap<>();
    private final RecordingListener events = new RecordingListener();

    ConnectionReuseTest() {
        for (int i = 0; i < FILES; i++) {
            files.put("/f" + i, TransportGetTest.randomBytes(1000 + i));
        }
    }

    @Test
    void anHttp10ServerGetsANewConnectionForEveryRequest() throws Exception {
        try (ClosingServer server = new ClosingServer(ClosingServer.Style.HTTP_1_0, files);
             Transport transport = new Transport(TransportGetTest.FAST)) {
            for (int i = 0; i < FILES; i++) {
                assertEquals(1, fetch(transport, server, i).attempts());
            }
            assertEquals(List.of(), events.only("retry"));
            assertEquals(List.of(), events.only("stale"), "an HTTP/1.0 connection is never offered for reuse");
            assertEquals(FILES, server.requests());
            assertEquals(FILES, server.connections());
        }
    }

    @Test
    void anHttp10ServerServesManyConcurrentGets() throws Exception {
        try (ClosingServer server = new ClosingServer(ClosingServer.Style.HTTP_1_0, files);
             Transport transport = new Transport(TransportGetTest.FAST.withMaxConcurrent(4))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<GetOutcome>> outcomes = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < FILES; i++) {
                        int n = i;
                        outcomes.add(pool.submit(() -> fetch(transport, server, n)));
                    }
                }
                for (Future<GetOutcome> f : outcomes) {
                    assertEquals(1, f.get().attempts());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(List.of(), events.only("retry"));
            assertEquals(List.of(), events.only("stale"));
            assertEquals(3 * FILES, server.requests());
        }
    }

    @Test
    void aKeepAliveThatEndedSilentlyCostsAReconnectNotARetry() throws Exception {
        try (ClosingServer server = new ClosingServer(ClosingServer.Style.SILENT_CLOSE, files);
             Transport transport = new Transport(TransportGetTest.FAST.withRetries(0))) {
            for (int i = 0; i < FILES; i++) {
                assertEquals(1, fetch(transport, server, i).attempts());
            }
            assertEquals(List.of(), events.only("retry"), "with no retries allowed, each get still succeeded");
            // Gets 2, 4, 6, ... find the pooled connection of the get before dead. The replacement
            // connection is never pooled, so the get after a replacement connects afresh.
            assertEquals(FILES / 2, events.only("stale").size(), events.lines().toString());
            assertEquals(FILES, server.requests());
            assertEquals(FILES, server.connections());
        }
    }

    private GetOutcome fetch(Transport transport, ClosingServer server, int i) {
        byte[] expected = files.get("/f" + i);
        TransportGetTest.Target target = new TransportGetTest.Target();
        GetOutcome outcome = transport.get(GetRequest.exactly(server.url("/f" + i), expected.length), target, events,
                Cancellation.never());
        assertArrayEquals(expected, target.last.toByteArray());
        return outcome;
    }
}
