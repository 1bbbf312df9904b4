package io.cocoatly.registry.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link StaticServingTest}, served through a {@link RegistryFiles} (a
 * {@link MemoryFiles} mirroring the directory), and what only such a source has: streamed and
 * redirected artifacts, download reports, and a store that fails.
 */
class RegistryFilesServingTest extends StaticServingTest {

    private static final String STREAMED = "artifacts/http/http-9.0.0.tar.gz";
    private static final String MOVED = "artifacts/http/http-8.0.0.tar.gz";
    private static final String LOCAL = "artifacts/http/http-1.2.0.tar.gz";
    private static final byte[] STREAMED_BYTES = "not really a tarball, but bytes all the same".getBytes(StandardCharsets.UTF_8);
    private static final Instant STORED = Instant.parse("2026-12-01T10:00:00Z");

    private final AtomicInteger opened = new AtomicInteger();

    @Override
    ServerFixture fixture(Path dir) {
        ServerFixture fixture = new ServerFixture(dir, ServerOptions.defaults(), true);
        fixture.files.putArtifact(STREAMED, new ArtifactFile.Streamed(PackageId.of("http", "9.0.0"), STREAMED_BYTES.length,
                "\"s9\"", STORED, () -> {
                    opened.incrementAndGet();
                    return new ByteArrayInputStream(STREAMED_BYTES);
                }));
        fixture.files.putArtifact(MOVED, new ArtifactFile.Redirect(PackageId.of("http", "8.0.0"),
                URI.create("https://cdn.example/http/http-8.0.0.tar.gz")));
        return fixture;
    }

    @Test
    void aStreamedArtifactIsCopiedWithItsSizeAndRevalidates() throws Exception {
        HttpResponse<byte[]> r = f.http.send(HttpRequest.newBuilder(f.url(STREAMED)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals(STREAMED_BYTES, r.body());
        assertEquals(String.valueOf(STREAMED_BYTES.length), r.headers().firstValue("content-length").orElseThrow());
        assertEquals("application/gzip", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("public, max-age=31536000, immutable", r.headers().firstValue("cache-control").orElseThrow());
        assertEquals("\"s9\"", r.headers().firstValue("etag").orElseThrow());
        assertEquals("Tue, 1 Dec 2026 10:00:00 GMT", r.headers().firstValue("last-modified").orElseThrow());
        assertEquals(304, f.get(STREAMED, "If-None-Match", "\"s9\"").statusCode());
        HttpResponse<String> head = f.send(HttpRequest.newBuilder(f.url(STREAMED)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(STREAMED_BYTES.length), head.headers().firstValue("content-length").orElseThrow());
        assertEquals(1, opened.get(), "only the GET with a body opened the stream");
    }

    @Test
    void aRedirectedArtifactIs302ToItsLocationAndImmutable() {
        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<String> r = f.send(HttpRequest.newBuilder(f.url(MOVED)).method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(302, r.statusCode(), method);
            assertEquals("https://cdn.example/http/http-8.0.0.tar.gz", r.headers().firstValue("location").orElseThrow());
            assertEquals("public, max-age=31536000, immutable", r.headers().firstValue("cache-control").orElseThrow());
            assertEquals("", r.body());
        }
    }

    @Test
    void everyGetAnsweredWithBytesOrARedirectIsReportedOnceAndNothingElse() throws IOException {
        String localTag = f.get(LOCAL).headers().firstValue("etag").orElseThrow();
        awaitDownloads(1);
        f.files.downloads.clear();
        for (String path : List.of(LOCAL, STREAMED, MOVED)) {
            f.send(HttpRequest.newBuilder(f.url(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        }
        assertEquals(304, f.get(LOCAL, "If-None-Match", localTag).statusCode());
        assertEquals(304, f.get(STREAMED, "If-None-Match", "\"s9\"").statusCode());
        assertEquals(200, f.get("index/http.json").statusCode());
        assertEquals(404, f.get("artifacts/http/http-7.0.0.tar.gz").statusCode());
        assertEquals(List.of(), f.files.downloads, "HEAD, 304, index files and errors count nothing");

        assertEquals(200, f.get(LOCAL, "User-Agent", "cocoatly/0.1.0 (test)").statusCode());
        assertEquals(200, f.get(STREAMED, "User-Agent", "cocoatly/0.1.0 (test)").statusCode());
        assertEquals(302, f.get(MOVED, "User-Agent", "curl/8.0").statusCode());
        assertTrue(raw("GET /" + LOCAL + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
        awaitDownloads(4);
        List<MemoryFiles.Download> got = f.files.downloads.stream()
                .sorted(Comparator.comparing((MemoryFiles.Download d) -> d.id()).thenComparing(MemoryFiles.Download::userAgent))
                .toList();
        assertEquals(List.of(
                new MemoryFiles.Download(PackageId.of("http", "1.2.0"), "127.0.0.1", ""),
                new MemoryFiles.Download(PackageId.of("http", "1.2.0"), "127.0.0.1", "cocoatly/0.1.0 (test)"),
                new MemoryFiles.Download(PackageId.of("http", "8.0.0"), "127.0.0.1", "curl/8.0"),
                new MemoryFiles.Download(PackageId.of("http", "9.0.0"), "127.0.0.1", "cocoatly/0.1.0 (test)")), got);
    }

    @Test
    void aStoreThatCannotBeReachedIs503WithRetryAfterAndTheErrorDocument() {
        f.files.failure = new ApiException(ApiException.Status.SERVICE_UNAVAILABLE, "store-unavailable",
                "the registry's database cannot be reached");
        // registry.json is read for every request (auth_required), so the API answers 503 as well.
        for (String path : List.of("index/http.json", "registry.json", LOCAL, "api/v1/packages/http")) {
            HttpResponse<String> r = f.get(path, "Accept-Encoding", "gzip");
            assertEquals(503, r.statusCode(), path);
            assertEquals("5", r.headers().firstValue("retry-after").orElseThrow(), path);
            assertEquals("application/json; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
            assertEquals("{\n  \"errors\": [\n    {\n      \"detail\": \"the registry's database cannot be reached\"\n    }\n  ]\n}\n",
                    r.body());
            assertFalse(r.headers().firstValue("etag").isPresent(), path);
        }
        f.files.failure = null;
        assertEquals(200, f.get("index/http.json").statusCode(), "serves again once the store is back");
    }

    @Test
    void aStreamThatCannotBeOpenedIs503BeforeAnythingOfTheArtifactIsSent() {
        f.files.putArtifact(STREAMED, new ArtifactFile.Streamed(PackageId.of("http", "9.0.0"), 10, "\"s9\"", STORED, () -> {
            throw new ApiException(ApiException.Status.SERVICE_UNAVAILABLE, "store-unavailable", "the object store cannot be reached");
        }));
        HttpResponse<String> r = f.get(STREAMED);
        assertEquals(503, r.statusCode());
        assertEquals("5", r.headers().firstValue("retry-after").orElseThrow());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("no-store", r.headers().firstValue("cache-control").orElseThrow());
        assertFalse(r.headers().firstValue("etag").isPresent());
        assertTrue(r.body().contains("the object store cannot be reached"), r.body());
        assertEquals(List.of(), f.files.downloads);
    }

    @Test
    void anyOtherFaultOfTheSourceIs500WithoutItsDetails() {
        f.files.failure = new IllegalStateException("connection to db.internal:5432 refused");
        HttpResponse<String> r = f.get("index/http.json");
        assertEquals(500, r.statusCode());
        assertEquals("{\n  \"errors\": [\n    {\n      \"detail\": \"internal server error; the server's log has the details\"\n"
                + "    }\n  ]\n}\n", r.body());
        assertFalse(r.headers().firstValue("retry-after").isPresent());
        assertTrue(f.faults.stream().anyMatch(m -> m.contains("db.internal:5432")), f.faults.toString());
    }

    @Test
    void aBackendThatIsUnavailableIs503AndOneThatBreaksIs500() {
        // A backend whose search and token checks fail as a database that went away would.
        RuntimeException[] failure = new RuntimeException[1];
        RegistryBackend failing = (RegistryBackend) Proxy.newProxyInstance(RegistryBackend.class.getClassLoader(),
                new Class<?>[] {RegistryBackend.class}, (proxy, method, args) -> {
                    if ((method.getName().equals("search") || method.getName().equals("authenticate")) && failure[0] != null) {
                        throw failure[0];
                    }
                    try {
                        return method.invoke(f.backend, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (RegistryServer server = RegistryServer.start(f.files, failing, ServerOptions.defaults(), AccessLog.NONE)) {
            URI search = server.url().resolve("api/v1/packages?q=http");
            assertEquals(200, f.send(HttpRequest.newBuilder(search).build()).statusCode());
            failure[0] = new ApiException(ApiException.Status.SERVICE_UNAVAILABLE, "database-unavailable",
                    "the registry's database cannot be reached; try again shortly");
            HttpResponse<String> r = f.send(HttpRequest.newBuilder(search).build());
            assertEquals(503, r.statusCode());
            assertEquals("5", r.headers().firstValue("retry-after").orElseThrow());
            assertTrue(r.body().contains("the registry's database cannot be reached; try again shortly"), r.body());
            HttpResponse<String> yank = f.send(HttpRequest.newBuilder(server.url().resolve("api/v1/packages/http/1.2.0/yank"))
                    .DELETE().header("Authorization", "Bearer " + f.aliceToken).build());
            assertEquals(503, yank.statusCode(), "a token that cannot be checked now: " + yank.body());
            assertEquals("5", yank.headers().firstValue("retry-after").orElseThrow());
            failure[0] = new IllegalStateException("relation \"packages\" does not exist");
            HttpResponse<String> broken = f.send(HttpRequest.newBuilder(search).build());
            assertEquals(500, broken.statusCode());
            assertFalse(broken.body().contains("relation"), broken.body());
            assertFalse(broken.headers().firstValue("retry-after").isPresent());
        }
    }

    private void awaitDownloads(int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (f.files.downloads.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
