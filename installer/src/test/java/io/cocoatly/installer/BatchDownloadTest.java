package io.cocoatly.installer;

import io.cocoatly.artifact.VerificationPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many artifacts at once: the concurrency bound, and what one failure does to the rest. */
class BatchDownloadTest {

    @TempDir
    Path tmp;

    private MockWebServer server;
    private final Map<String, byte[]> bodies = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void atMostTheConfiguredNumberRunAtOnceAboveOkHttpsPerHostDefault() {
        assertMaxInFlight(8);
    }

    @Test
    void aLowerLimitIsKeptToo() {
        assertMaxInFlight(3);
    }

    private void assertMaxInFlight(int limit) {
        List<DownloadRequest> requests = requests(20);
        InFlightDispatcher dispatcher = new InFlightDispatcher(limit);
        server.setDispatcher(dispatcher);
        ClientSideCounter counter = new ClientSideCounter();

        DownloadResults results;
        try (Downloader d = new Downloader(tmp.resolve("cache"), DownloaderTest.FAST.withMaxConcurrent(limit),
                VerificationPolicy.checksumsOnly())) {
            results = d.downloadAll(requests, OnFailure.STOP, counter);
        }

        assertTrue(results.ok(), results.toString());
        assertEquals(20, results.downloaded().size());
        assertEquals(limit, dispatcher.max.get(), "the server saw exactly the configured number at once");
        assertEquals(limit, counter.max.get());
        assertEquals(20, server.getRequestCount());
    }

    @Test
    void continueCollectsEveryFailureAndDownloadsTheRest() {
        List<DownloadRequest> requests = requests(6);
        bodies.remove("/p2.tar.gz");
        bodies.remove("/p4.tar.gz");
        server.setDispatcher(new InFlightDispatcher(1));

        DownloadResults results;
        try (Downloader d = new Downloader(tmp.resolve("cache"), DownloaderTest.FAST, VerificationPolicy.checksumsOnly())) {
            results = d.downloadAll(requests, OnFailure.CONTINUE, DownloadListener.NONE);
        }

        assertEquals(List.of(id(2), id(4)), new ArrayList<>(results.failed().keySet()));
        assertEquals("http-error", results.firstFailure().orElseThrow().code());
        assertEquals(List.of(id(0), id(1), id(3), id(5)), new ArrayList<>(results.downloaded().keySet()));
        assertEquals(Set.of(), results.skipped());
        assertFalse(results.ok());
    }

    @Test
    void stopCancelsTheRestAfterTheFirstFailure() {
        List<DownloadRequest> requests = requests(12);
        bodies.remove("/p0.tar.gz");
        server.setDispatcher(new InFlightDispatcher(1));
        ClientSideCounter counter = new ClientSideCounter();

        DownloadResults results;
        try (Downloader d = new Downloader(tmp.resolve("cache"), DownloaderTest.FAST.withMaxConcurrent(2),
                VerificationPolicy.checksumsOnly())) {
            results = d.downloadAll(requests, OnFailure.STOP, counter);
        }

        assertEquals(Set.of(id(0)), results.failed().keySet());
        Set<PackageId> all = new HashSet<>(results.downloaded().keySet());
        all.addAll(results.failed().keySet());
        all.addAll(results.skipped());
        assertEquals(12, all.size(), "every artifact is accounted for exactly once");
        assertFalse(results.skipped().isEmpty(), "with 2 workers most of 12 never started");
        assertEquals(counter.started.get(), counter.ended.get(), "every started artifact ended with one event");
    }

    private List<DownloadRequest> requests(int n) {
        List<DownloadRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] body = DownloaderTest.randomBytes(64 * 1024 + i, i);
            bodies.put("/p" + i + ".tar.gz", body);
            Artifact a = DownloaderTest.artifact(body);
            out.add(DownloadRequest.of(id(i), new Artifact("p" + i + ".tar.gz", a.size(), a.checksums(), Optional.empty()),
                    server.url("/").uri()));
        }
        return out;
    }

    private static PackageId id(int i) {
        return PackageId.of("p" + i, "1.0.0");
    }

    /**
     * Serves the bodies with a throttled transfer and counts requests being dispatched at once. The
     * first {@code gate} requests wait for each other, so reaching the limit does not depend on timing.
     */
    private final class InFlightDispatcher extends Dispatcher {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final CountDownLatch gate;

        InFlightDispatcher(int gate) {
            this.gate = new CountDownLatch(gate);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            int now = inFlight.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            try {
                gate.countDown();
                gate.await(10, TimeUnit.SECONDS);
                byte[] body = bodies.get(request.getUrl().encodedPath());
                if (body == null) {
                    return new MockResponse.Builder().code(404).build();
                }
                return DownloaderTest.ok(body).newBuilder().throttleBody(16 * 1024, 5, TimeUnit.MILLISECONDS).build();
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Counts artifacts between started and finished/failed on the client. */
    private static final class ClientSideCounter implements DownloadListener {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        final Set<PackageId> seen = ConcurrentHashMap.newKeySet();

        @Override
        public void started(PackageId id, long size) {
            seen.add(id);
            started.incrementAndGet();
            max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        @Override
        public void finished(PackageId id, DownloadedArtifact artifact) {
            ended.incrementAndGet();
            inFlight.decrementAndGet();
        }

        @Override
        public void failed(PackageId id, io.cocoatly.model.CocoatlyException error) {
            ended.incrementAndGet();
            inFlight.decrementAndGet();
        }
    }
}
