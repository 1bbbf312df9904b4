package io.cocoatly.registry.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.RegistrySource;
import io.cocoatly.testkit.StaticHost;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cached sparse index against a real server on loopback: what a warm, a stale, a changed and an
 * offline command send, and that each file is fetched at most once per command.
 */
class HttpRegistrySourceTest {

    private static final List<String> PACKAGES = List.of("http", "tls", "log", "base64");

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

    /**
     * One command: opens the registry, looks the packages and everything they depend on up, as a
     * resolver does (so no prefetch is still under way when it closes), closes.
     */
    private void command(CacheMode mode) {
        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, mode, RemoteFixture.FAST)) {
            FileRegistry index = FileRegistry.open(source);
            for (String name : PACKAGES) {
                assertTrue(index.find(PackageName.of(name)).isPresent(), name);
            }
            Closure.of(index, PACKAGES);
        }
    }

    @Test
    void aWarmCommandWithinMaxAgeSendsNothing() {
        server.cacheControl("public, max-age=600");
        command(CacheMode.NORMAL);
        int cold = server.requests();
        assertTrue(cold >= PACKAGES.size() + 1, "the cold command fetched registry.json and the index files");

        command(CacheMode.NORMAL);

        assertEquals(cold, server.requests(), "nothing was sent: " + server.log());
    }

    @Test
    void withoutCacheHeadersTheNextCommandSendsOnly304s() {
        command(CacheMode.NORMAL);
        server.resetCounts();

        command(CacheMode.NORMAL);

        List<String> log = server.log();
        assertFalse(log.isEmpty());
        assertEquals(List.of(), log.stream().filter(l -> !l.endsWith(" 304")).collect(Collectors.toList()),
                "only revalidations: " + log);
    }

    @Test
    void refreshRevalidatesFreshFilesOnce() {
        server.cacheControl("max-age=600");
        command(CacheMode.NORMAL);
        server.resetCounts();

        command(CacheMode.REFRESH);

        assertTrue(server.log().stream().allMatch(l -> l.endsWith(" 304")), server.log().toString());
        assertEquals(1, server.requests("/registry.json"));
    }

    @Test
    void aChangedFileIsFetchedAgainAndTheRestIsRevalidated() throws IOException {
        command(CacheMode.NORMAL);
        Path log = registry.resolve("index/log.json");
        String changed = Files.readString(log).replace("\"name\": \"log\"", "\"name\": \"log\", \"note\": \"changed\"");
        Files.writeString(log, changed);
        server.resetCounts();

        command(CacheMode.NORMAL);

        assertTrue(server.log().contains("GET /index/log.json 200"), server.log().toString());
        assertTrue(server.log().contains("GET /index/http.json 304"), server.log().toString());
        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.OFFLINE, RemoteFixture.FAST)) {
            assertEquals(changed, new String(source.read("index/log.json").orElseThrow()), "the cache has the new file");
        }
    }

    @Test
    void oneCommandFetchesEachFileAtMostOnce() {
        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.NORMAL, RemoteFixture.FAST)) {
            source.prefetch(List.of("index/http.json", "index/http.json", "index/none.json"));
            for (int i = 0; i < 5; i++) {
                assertTrue(source.read("index/http.json").isPresent());
                assertTrue(source.read("index/none.json").isEmpty());
            }
        }

        assertEquals(1, server.requests("/index/http.json"));
        assertEquals(1, server.requests("/index/none.json"));
    }

    @Test
    void offlineWithAFullCacheWorksWithTheServerGone() {
        command(CacheMode.NORMAL);
        server.close();

        command(CacheMode.OFFLINE);
    }

    @Test
    void offlineWithAPartialCacheNamesTheMissingPackage() {
        command(CacheMode.NORMAL);
        server.close();

        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.OFFLINE, RemoteFixture.FAST)) {
            FileRegistry index = FileRegistry.open(source);
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> index.find(PackageName.of("regex")));

            assertEquals("offline-not-cached", e.code());
            assertEquals("offline: package `regex` of the registry `" + server.uri() + "` is not in the cache ("
                    + server.uri() + "index/regex.json)", e.getMessage());
            assertEquals(List.of("run the command once without `--offline` (and without `network.offline`) to fill"
                    + " the cache"), e.hints());
        }
    }

    @Test
    void offlineWithNothingCachedNamesTheRegistry() {
        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.OFFLINE, RemoteFixture.FAST)) {
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> FileRegistry.open(source));

            assertEquals("offline-not-cached", e.code());
            assertTrue(e.getMessage().startsWith("offline: `registry.json` of the registry `" + server.uri()), e.getMessage());
        }
        assertEquals(0, server.requests());
    }

    @Test
    void aRemembered404StaysMissingOffline() {
        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.NORMAL, RemoteFixture.FAST)) {
            assertEquals(Optional.empty(), source.read("index/nope.json"));
        }
        server.close();

        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.OFFLINE, RemoteFixture.FAST)) {
            assertEquals(Optional.empty(), source.read("index/nope.json"));
        }
    }

    @Test
    void theCacheIsKeyedByHostPortAndTheBaseUrlsDigest() throws IOException {
        command(CacheMode.NORMAL);

        List<String> dirs;
        try (var list = Files.list(cache)) {
            dirs = list.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
        assertEquals(1, dirs.size());
        assertTrue(dirs.get(0).matches("127\\.0\\.0\\.1-" + server.uri().getPort() + "-[0-9a-f]{16}"), dirs.get(0));
        assertEquals(RegistryCache.key(server.uri()), dirs.get(0));
        assertTrue(Files.isRegularFile(cache.resolve(dirs.get(0)).resolve("index/http.json")));
    }

    @Test
    void theSourceNamesFilesByUrlAndListsNothing() {
        try (HttpRegistrySource source = RemoteFixture.open(URI.create(server.uri() + "sub"), cache, CacheMode.NORMAL,
                RemoteFixture.FAST)) {
            RegistrySource s = source;
            assertEquals(URI.create(server.uri() + "sub/"), s.location(), "the base URL gets its `/`");
            assertEquals(server.uri() + "sub/index/http.json", s.describe("index/http.json"));
            assertEquals(Optional.empty(), s.list("index"), "HTTP has no directory listing");
            assertThrows(IllegalArgumentException.class, () -> s.read("../secret"));
        }
    }

    @Test
    void aBodyIsReturnedAsServed() throws IOException {
        try (HttpRegistrySource source = RemoteFixture.open(server.uri(), cache, CacheMode.NORMAL, RemoteFixture.FAST)) {
            assertArrayEquals(Files.readAllBytes(registry.resolve("index/http.json")),
                    source.read("index/http.json").orElseThrow());
        }
    }
}
