package io.cocoatly.installer;

import io.cocoatly.artifact.VerificationPolicy;
import io.cocoatly.artifact.VerificationException;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.artifact.Ed25519Keys;
import io.cocoatly.artifact.DigestSink;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.transport.TransportOptions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single downloads against a real HTTP server on loopback, scripted to misbehave. */
class DownloaderTest {

    static final PackageId ID = PackageId.of("demo", "1.0.0");
    static final TransportOptions FAST = TransportOptions.defaults().withRetries(3)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).withTimeout(Duration.ofSeconds(5));

    @TempDir
    Path tmp;

    private MockWebServer server;
    private Path cache;
    private final byte[] body = randomBytes(200_000, 1);
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        cache = tmp.resolve("cache");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsIntoTheContentAddressedCacheAndReusesIt() throws IOException {
        server.enqueue(ok(body));
        Artifact artifact = artifact(body);

        DownloadedArtifact first;
        DownloadedArtifact second;
        try (Downloader d = downloader(FAST)) {
            first = d.download(request(artifact), events);
            second = d.download(request(artifact), events);
        }

        String sha = artifact.checksums().get("sha256");
        assertEquals(cache.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha), first.file());
        assertArrayEquals(body, Files.readAllBytes(first.file()));
        assertEquals(1, first.attempts());
        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(Checksums.parse(artifact.checksums()), second.checksums());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(first.file()), cacheFiles());
        assertEquals(List.of("started demo@1.0.0", "finished demo@1.0.0 attempts=1",
                "started demo@1.0.0", "finished demo@1.0.0 attempts=0"), events.withoutProgress());
    }

    /** A hit is a use: its time moves up, so that the cache policy keeps what installs still take. */
    @Test
    void aCacheHitRecordsItsUse() throws IOException {
        server.enqueue(ok(body));
        Path file = downloadOnce().file();
        java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.from(java.time.Instant.parse(
                "2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, longAgo);
        assertTrue(downloadOnce().fromCache());
        assertTrue(Files.getLastModifiedTime(file).compareTo(longAgo) > 0, "the hit moved the entry's last use");
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aDamagedCacheFileIsDownloadedAgain() throws IOException {
        server.enqueue(ok(body));
        server.enqueue(ok(body));
        Artifact artifact = artifact(body);
        try (Downloader d = downloader(FAST)) {
            Path file = d.download(request(artifact), events).file();
            byte[] damaged = body.clone();
            damaged[12345] ^= 1;
            Files.write(file, damaged);

            DownloadedArtifact again = d.download(request(artifact), events);
            assertFalse(again.fromCache());
            assertArrayEquals(body, Files.readAllBytes(file));
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aConnectionDroppedBeforeTheResponseIsRetried() {
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(ok(body));

        assertEquals(2, downloadOnce().attempts());
        assertEquals(2, server.getRequestCount());
        assertEquals(1, events.count("retried"));
        assertOnlyTheArtifactIsCached();
    }

    @Test
    void aConnectionDroppedDuringTheBodyIsRetried() {
        server.enqueue(ok(body).newBuilder().onResponseBody(new SocketEffect.CloseSocket()).build());
        server.enqueue(ok(body));

        assertEquals(2, downloadOnce().attempts());
        assertEquals(2, server.getRequestCount());
        assertOnlyTheArtifactIsCached();
    }

    @Test
    void aShortBodyIsATruncatedDownloadAndRetried() {
        server.enqueue(ok(java.util.Arrays.copyOf(body, body.length - 1000)));
        server.enqueue(ok(body));

        assertEquals(2, downloadOnce().attempts());
        assertTrue(events.all().contains("retried demo@1.0.0 #1: truncated body: 199000 of 200000 bytes"),
                events.all().toString());
    }

    @Test
    void serverErrorsAreRetried() {
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(ok(body));

        assertEquals(3, downloadOnce().attempts());
        assertEquals(List.of("HTTP 500", "HTTP 503"), events.retryReasons());
        assertOnlyTheArtifactIsCached();
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
        server.enqueue(ok(body));

        assertEquals(2, downloadOnce().attempts());
        assertEquals(List.of(Duration.ofSeconds(1)), events.retryDelays());
        assertOnlyTheArtifactIsCached();
    }

    @Test
    void notFoundIsNotRetried() {
        server.enqueue(new MockResponse.Builder().code(404).build());

        DownloadException e = assertThrows(DownloadException.class, this::downloadOnce);
        assertEquals("http-error", e.code());
        assertEquals(1, e.attempts());
        assertEquals("`demo@1.0.0` could not be downloaded: GET " + server.url("/demo-1.0.0.tar.gz") + ": HTTP 404",
                e.getMessage());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), cacheFiles());
        assertEquals(List.of("started demo@1.0.0", "failed demo@1.0.0 http-error"), events.withoutProgress());
    }

    @Test
    void aStalledResponseTimesOutAndIsRetried() {
        server.enqueue(ok(body).newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
        server.enqueue(ok(body));

        DownloadedArtifact result;
        try (Downloader d = downloader(FAST.withTimeout(Duration.ofMillis(300)))) {
            result = d.download(request(artifact(body)), events);
        }
        assertEquals(2, result.attempts());
        assertTrue(events.retryReasons().get(0).startsWith("timed out"), events.retryReasons().toString());
        assertOnlyTheArtifactIsCached();
    }

    @Test
    void givingUpAfterTheRetriesLeavesNothingInTheCache() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().code(503).build());
        }

        DownloadException e = assertThrows(DownloadException.class, this::downloadOnce);
        assertEquals("download-failed", e.code());
        assertEquals(4, e.attempts());
        assertEquals("`demo@1.0.0` could not be downloaded: GET " + server.url("/demo-1.0.0.tar.gz")
                + ": HTTP 503 (gave up after 4 attempts)", e.getMessage());
        assertEquals(4, server.getRequestCount());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void wrongBytesAreRefusedWithoutRetry() {
        byte[] evil = body.clone();
        evil[0] ^= 1;
        server.enqueue(ok(evil));

        VerificationException e = assertThrows(VerificationException.class, this::downloadOnce);
        assertEquals("checksum-mismatch", e.code());
        assertEquals(ID, e.packageId());
        assertTrue(e.getMessage().startsWith("`demo@1.0.0` failed verification: "), e.getMessage());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void moreBytesThanDeclaredAbortWhileStreaming() {
        byte[] longer = randomBytes(body.length + 100_000, 1);
        System.arraycopy(body, 0, longer, 0, body.length);
        server.enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(longer), 8192).build());

        DownloadException e = assertThrows(DownloadException.class, this::downloadOnce);
        assertEquals("artifact-too-large", e.code());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), cacheFiles());
        assertTrue(events.maxProgress() <= body.length, "never more than the declared size written");
    }

    @Test
    void anAnnouncedContentLengthAboveTheSizeAbortsBeforeTheBody() {
        server.enqueue(ok(randomBytes(body.length + 1, 3)));

        DownloadException e = assertThrows(DownloadException.class, this::downloadOnce);
        assertEquals("artifact-too-large", e.code());
        assertEquals("`demo@1.0.0` could not be downloaded: GET " + server.url("/demo-1.0.0.tar.gz")
                + ": the server announces 200001 bytes, the artifact's declared size is 200000", e.getMessage());
        assertEquals(0, events.count("progress"));
    }

    @Test
    void signaturesAreCheckedBeforeAnythingIsFetched() {
        Ed25519SigningKey key = Ed25519SigningKey.read(Ed25519Keys.generate(tmp.resolve("keys")).privateKeyFile());
        Ed25519SigningKey stranger = Ed25519SigningKey.read(Ed25519Keys.generate(tmp.resolve("k2")).privateKeyFile());
        VerificationPolicy strict = VerificationPolicy.strict(TrustedKeys.of(List.of(key.publicKey())));
        Artifact unsigned = artifact(body);
        String sha = unsigned.checksums().get("sha256");
        Artifact byStranger = withSignature(unsigned, Signatures.sign(stranger, ID, sha));
        Artifact otherPackage = withSignature(unsigned, Signatures.sign(key, PackageId.of("other", "1.0.0"), sha));

        try (Downloader d = new Downloader(cache, FAST, strict)) {
            assertEquals("missing-signature", assertThrows(VerificationException.class,
                    () -> d.download(request(unsigned), events)).code());
            assertEquals("unknown-signing-key", assertThrows(VerificationException.class,
                    () -> d.download(request(byStranger), events)).code());
            assertEquals("bad-signature", assertThrows(VerificationException.class,
                    () -> d.download(request(otherPackage), events)).code());
            assertEquals(0, server.getRequestCount());

            server.enqueue(ok(body));
            Artifact signed = withSignature(unsigned, Signatures.sign(key, ID, sha));
            assertEquals(1, d.download(request(signed), events).attempts());
        }
    }

    @Test
    void anUnwritableCacheIsATypedError() throws IOException {
        Files.writeString(cache, "a file where the cache directory should be");
        server.enqueue(ok(body));

        DownloadException e = assertThrows(DownloadException.class, this::downloadOnce);
        assertEquals("cache-error", e.code());
        assertEquals(List.of("started demo@1.0.0", "failed demo@1.0.0 cache-error"), events.withoutProgress());
    }

    @Test
    void fileUrlsRelativeToARegistryDirectory() throws IOException {
        Path registry = Files.createDirectories(tmp.resolve("registry/artifacts"));
        Files.write(registry.resolve("demo-1.0.0.tar.gz"), body);
        Artifact artifact = new Artifact("artifacts/demo-1.0.0.tar.gz", body.length, artifact(body).checksums(),
                Optional.empty());
        DownloadRequest request = DownloadRequest.of(ID, artifact, tmp.resolve("registry").toUri());

        try (Downloader d = downloader(FAST)) {
            assertArrayEquals(body, Files.readAllBytes(d.download(request, events).file()));
        }
        assertEquals(tmp.resolve("registry/artifacts/demo-1.0.0.tar.gz").toUri(), request.url());
    }

    @Test
    void relativeUrlsResolveAgainstTheRegistryRoot() {
        Artifact a = new Artifact("artifacts/x.tar.gz", 1, java.util.Map.of(), Optional.empty());
        assertEquals(URI.create("https://r.example/reg/artifacts/x.tar.gz"),
                DownloadRequest.of(ID, a, URI.create("https://r.example/reg")).url());
        Artifact ftp = new Artifact("ftp://r.example/x.tar.gz", 1, java.util.Map.of(), Optional.empty());
        assertEquals("unsupported-url", assertThrows(io.cocoatly.model.CocoatlyException.class,
                () -> DownloadRequest.of(ID, ftp, URI.create("https://r.example/"))).code());
    }

    /** Retried attempts leave no partial file behind: the cache holds exactly the verified artifact. */
    private void assertOnlyTheArtifactIsCached() {
        String sha = artifact(body).checksums().get("sha256");
        assertEquals(List.of(cache.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha)), cacheFiles());
    }

    private DownloadedArtifact downloadOnce() {
        try (Downloader d = downloader(FAST)) {
            return d.download(request(artifact(body)), events);
        }
    }

    private Downloader downloader(TransportOptions options) {
        return new Downloader(cache, options, VerificationPolicy.checksumsOnly());
    }

    private DownloadRequest request(Artifact artifact) {
        return DownloadRequest.of(ID, artifact, server.url("/").uri());
    }

    private List<Path> cacheFiles() {
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(cache)) {
            // The lock file of the entries in use (CacheLocks) is the cache's own, never a download.
            return walk.filter(Files::isRegularFile).filter(p -> !p.equals(cache.resolve(CacheLocks.FILE)))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static MockResponse ok(byte[] bytes) {
        return new MockResponse.Builder().body(new Buffer().write(bytes)).build();
    }

    static Artifact artifact(byte[] bytes) {
        DigestSink sink = DigestSink.of(EnumSet.allOf(DigestAlgorithm.class));
        try {
            sink.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Artifact("demo-1.0.0.tar.gz", bytes.length, sink.checksums().toMap(), Optional.empty());
    }

    static Artifact withSignature(Artifact a, Artifact.Signature s) {
        return new Artifact(a.url(), a.size(), a.checksums(), Optional.of(s));
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Records every event as a line; thread-safe. */
    static final class RecordingListener implements DownloadListener {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());
        private final List<String> reasons = Collections.synchronizedList(new ArrayList<>());
        private volatile long maxProgress;

        @Override
        public void started(PackageId id, long size) {
            lines.add("started " + id);
        }

        @Override
        public void progress(PackageId id, long bytes, long size) {
            maxProgress = Math.max(maxProgress, bytes);
            lines.add("progress " + id);
        }

        @Override
        public void retried(PackageId id, int attempt, Duration delay, String reason) {
            delays.add(delay);
            reasons.add(reason);
            lines.add("retried " + id + " #" + attempt + ": " + reason);
        }

        @Override
        public void finished(PackageId id, DownloadedArtifact artifact) {
            lines.add("finished " + id + " attempts=" + artifact.attempts());
        }

        @Override
        public void failed(PackageId id, io.cocoatly.model.CocoatlyException error) {
            lines.add("failed " + id + " " + error.code());
        }

        List<String> all() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        List<String> withoutProgress() {
            return all().stream().filter(l -> !l.startsWith("progress")).collect(Collectors.toList());
        }

        long count(String kind) {
            return all().stream().filter(l -> l.startsWith(kind + " ")).count();
        }

        List<Duration> retryDelays() {
            synchronized (delays) {
                return List.copyOf(delays);
            }
        }

        List<String> retryReasons() {
            synchronized (reasons) {
                return List.copyOf(reasons);
            }
        }

        long maxProgress() {
            return maxProgress;
        }
    }
}
