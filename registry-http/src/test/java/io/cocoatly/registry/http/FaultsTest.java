package io.cocoatly.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Interruption;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.testkit.StaticHost;
import io.cocoatly.testkit.StaticHost.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that fails, stalls, truncates, corrupts, lies about its {@code ETag} or dies: clear errors
 * that name the URL, retries as configured, and a cache that only ever holds whole, parsed files.
 */
class FaultsTest {

    private static final String HTTP = "/index/http.json";

    @TempDir
    Path dir;

    private Path registry;
    private Path cache;
    private StaticHost server;

    @BeforeEach
    void start() throws IOException {
        registry = RemoteFixture.sampleRegistry(dir.resolve("registry"));
        cache = dir.resolve("cache");
        server = StaticHost.of(registry);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Optional<byte[]> read(String path) {
        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.NORMAL, RemoteFixture.FAST)) {
            return source.read(path);
        }
    }

    private Path cached(String path) {
        return cache.resolve(RegistryCache.key(server.uri())).resolve(path.substring(1));
    }

    /** The cache holds the file exactly as the registry has it, or nothing. */
    private void assertCacheWholeOrAbsent(String path) throws IOException {
        Path entry = cached(path);
        if (Files.exists(entry)) {
            CacheEntry decoded = CacheEntry.decode(Files.readAllBytes(entry), entry.toString()).orElseThrow();
            assertEquals(Files.readString(registry.resolve(path.substring(1))), new String(decoded.body().orElseThrow()));
        }
        try (var files = Files.walk(cache)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count(), "no temp file left");
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
    }

    @Test
    void a500IsRetriedAsConfiguredThenSucceeds() throws IOException {
        server.fault(HTTP, Fault.ERROR_500, 1);

        assertTrue(read("index/http.json").isPresent());

        assertEquals(2, server.requests(HTTP), "one retry");
        assertCacheWholeOrAbsent(HTTP);
        assertTrue(Files.exists(cached(HTTP)));
    }

    @Test
    void persistent500sGiveUpNamingTheUrlAndTheStatus() throws IOException {
        server.fault(HTTP, Fault.ERROR_500, 100);

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> read("index/http.json"));

        assertEquals("download-failed", e.code());
        assertEquals("GET " + server.uri() + "index/http.json: HTTP 500 (gave up after 2 attempts)", e.getMessage());
        assertEquals(2, server.requests(HTTP));
        assertFalse(Files.exists(cached(HTTP)));
    }

    @Test
    void aTruncatedBodyIsRetriedAndNeverCached() throws IOException {
        server.fault(HTTP, Fault.TRUNCATE, 100);

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> read("index/http.json"));

        assertEquals("download-failed", e.code());
        assertTrue(e.getMessage().startsWith("GET " + server.uri() + "index/http.json: "), e.getMessage());
        assertEquals(2, server.requests(HTTP));
        assertFalse(Files.exists(cached(HTTP)));

        server.fault(HTTP, Fault.TRUNCATE, 1);
        assertTrue(read("index/http.json").isPresent(), "the retry gets the whole file");
        assertCacheWholeOrAbsent(HTTP);
    }

    @Test
    void aCorruptBodyReachesTheReaderButNotTheCacheWhichKeepsTheGoodCopy() throws IOException {
        read("index/http.json");
        byte[] good = Files.readAllBytes(cached(HTTP));
        server.fault(HTTP, Fault.CORRUPT, 1);

        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.REFRESH, RemoteFixture.FAST)) {
            FileRegistry index = FileRegistry.open(source);
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> index.find(PackageName.of("http")));
            assertEquals("invalid-registry", e.code());
            assertTrue(e.getMessage().contains(server.uri() + "index/http.json"), e.getMessage());
        }

        assertEquals(new String(good), new String(Files.readAllBytes(cached(HTTP))), "the cached entry is untouched");
    }

    @Test
    void aStalledServerTimesOutWithAnErrorNamingTheUrl() {
        server.fault(HTTP, Fault.STALL, 100);

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> read("index/http.json"));

        assertEquals("download-failed", e.code());
        assertTrue(e.getMessage().startsWith("GET " + server.uri() + "index/http.json: "), e.getMessage());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertFalse(Files.exists(cached(HTTP)));
    }

    /**
     * The daemon interrupts the command of a client that went away: a read waiting on a server that
     * sends nothing stops at once with {@code interrupted}, not after the (here ten-minute) timeout.
     */
    @Test
    void aReadOnAnInterruptedThreadStopsWaitingForAStalledServer() throws InterruptedException {
        server.fault(HTTP, Fault.STALL, 100);
        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.NORMAL,
                RemoteFixture.FAST.withTimeout(Duration.ofMinutes(10)))) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    source.read("index/http.json");
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.requests() == 0) {
                assertTrue(System.nanoTime() < deadline, "the read never reached the server");
                Thread.sleep(5);
            }
            reader.interrupt();
            reader.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(reader.isAlive(), "the read still waits on the stalled server");
            assertEquals(Interruption.CODE, ((CocoatlyException) thrown.get()).code(), String.valueOf(thrown.get()));
        }
        assertFalse(Files.exists(cached(HTTP)));
    }

    @Test
    void aServerWhoseETagNeverMatchesIsFetchedWholeEachTimeAndTheCacheStaysValid() throws IOException {
        server.fault(HTTP, Fault.WRONG_ETAG, 100);
        read("index/http.json");
        server.resetCounts();

        assertTrue(read("index/http.json").isPresent());

        assertEquals("GET /index/http.json 200", server.log().get(0));
        assertCacheWholeOrAbsent(HTTP);
    }

    @Test
    void aServerThatDiesMidCommandFailsTheReadThatNeededIt() throws IOException {
        server.dieAfter(2);
        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.NORMAL, RemoteFixture.FAST)) {
            FileRegistry index = FileRegistry.open(source);
            assertTrue(index.find(PackageName.of("base64")).isPresent());

            CocoatlyException e = assertThrows(CocoatlyException.class, () -> index.find(PackageName.of("regex")));

            assertEquals("download-failed", e.code());
            assertTrue(e.getMessage().startsWith("GET " + server.uri() + "index/regex.json: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("(gave up after 2 attempts)"), e.getMessage());
        }
        assertCacheWholeOrAbsent("/index/base64.json");
        assertFalse(Files.exists(cached("/index/regex.json")));
    }

    @Test
    void commandsSharingOneCacheNeverLeaveAHalfWrittenEntry() throws Exception {
        // Every answer has a new ETag, so every one of the concurrent readers writes the entry.
        server.fault(HTTP, Fault.WRONG_ETAG, 1000);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Optional<byte[]>>> reads = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                reads.add(pool.submit(() -> read("index/http.json")));
            }
            for (var r : reads) {
                assertTrue(r.get().isPresent());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(40, server.requests(HTTP));
        assertTrue(Files.exists(cached(HTTP)));
        assertCacheWholeOrAbsent(HTTP);
    }

    @Test
    void aDamagedCacheEntryIsFetchedAgain() throws IOException {
        read("index/http.json");
        Files.write(cached(HTTP), "cocoatly-cache 1 9999\n{".getBytes());
        server.resetCounts();

        assertTrue(read("index/http.json").isPresent());

        assertEquals("GET /index/http.json 200", server.log().get(0));
        assertCacheWholeOrAbsent(HTTP);
    }
}
