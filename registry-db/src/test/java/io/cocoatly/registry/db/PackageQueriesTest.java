package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.NewestVersion;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.DirectoryBackend;
import io.cocoatly.registry.server.PackageInfo;
import io.cocoatly.registry.server.SearchPage;
import io.cocoatly.registry.server.ServerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Package information and search from PostgreSQL, run against the directory backend on the same
 * registry (owners, descriptions and publication times in its .cocoatly-server): the same answers,
 * plus downloads; search ranked with typos found by trigrams, and the prefix fallback without them.
 */
class PackageQueriesTest {

    private static final Instant PUBLISHED = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    static Path temp;

    private static Path dir;
    private static DirectoryBackend directory;
    private static RegistryDatabase registry;
    private static Database database;

    @BeforeAll
    static void importSampleWithOwners() {
        dir = ReadFixture.copyOfSample(temp.resolve("sample"));
        ServerState state = new ServerState(dir);
        state.writeUsers(Map.of("alice", List.of(ReadFixture.sampleKey()), "bob", List.of()));
        state.writePackageState(PackageName.of("http"), new ServerState.PackageState(List.of("bob", "alice"),
                Optional.of("An HTTP client"), Map.of("1.2.0", PUBLISHED)));
        directory = new DirectoryBackend(dir);
        EmbeddedDatabase.Urls urls = TestDatabases.fresh();
        registry = RegistryDatabase.open(DatabaseSettings.of(urls.server()), new ReadTestArtifacts(temp.resolve("store")));
        ImportSummary summary = registry.importDirectory(dir, List.of());
        assertEquals(2, summary.users());
        database = ReadFixture.database(urls);
    }

    @AfterAll
    static void close() {
        registry.close();
        database.close();
    }

    @Test
    void infoAgreesWithTheDirectoryBackendAndAddsDownloads() {
        for (String name : ReadFixture.sampleNames()) {
            PackageInfo expected = directory.packageInfo(PackageName.of(name));
            PackageInfo actual = registry.backend().packageInfo(PackageName.of(name));
            assertEquals(expected.name(), actual.name());
            assertEquals(expected.description(), actual.description(), name);
            assertEquals(expected.owners(), actual.owners(), name);
            assertEquals(expected.versions().stream().map(PackageInfo.VersionInfo::release).toList(),
                    actual.versions().stream().map(PackageInfo.VersionInfo::release).toList(), name);
            assertEquals(Optional.of(0L), actual.downloads());
        }
        PackageInfo http = registry.backend().packageInfo(PackageName.of("http"));
        assertEquals(List.of("alice", "bob"), http.owners());
        assertEquals(Optional.of(PUBLISHED), http.versions().stream().filter(v -> v.release().version().toString().equals("1.2.0"))
                .findFirst().orElseThrow().publishedAt());

        database.write(Access.SERVICE, c -> c.prepareStatement("""
                INSERT INTO download_stats (version_id, day, downloads)
                SELECT v.id, d, 3 + extract(day FROM d)::int % 2 FROM package_versions v, (VALUES (date '2026-12-01'), (date '2026-12-02')) AS t(d)
                WHERE v.package_id = (SELECT id FROM packages WHERE name = 'log') AND v.version = '0.4.0'""").executeUpdate());
        PackageInfo log = registry.backend().packageInfo(PackageName.of("log"));
        assertEquals(Optional.of(7L), log.downloads());
        assertEquals(Optional.of(7L), log.versions().stream().filter(v -> v.release().version().toString().equals("0.4.0"))
                .findFirst().orElseThrow().downloads());
    }

    @Test
    void anUnknownPackageIsTheSame404() {
        ApiException expected = assertThrows(ApiException.class, () -> directory.packageInfo(PackageName.of("nope")));
        ApiException actual = assertThrows(ApiException.class, () -> registry.backend().packageInfo(PackageName.of("nope")));
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.code(), actual.code());
        assertEquals(expected.detail(), actual.detail());
    }

    @Test
    void theNewestVersionShownIsNewestVersionsPick() {
        FileRegistry files = FileRegistry.open(dir);
        for (String name : ReadFixture.sampleNames()) {
            List<Release> releases = files.find(PackageName.of(name)).orElseThrow().releases();
            String expected = NewestVersion.of(releases, Release::version, Release::yanked).orElseThrow().version().toString();
            SearchPage page = registry.backend().search(name, 1, 100);
            assertEquals(name, page.hits().get(0).name(), "the exact name comes first");
            assertEquals(expected, page.hits().get(0).newestVersion(), name);
        }
    }

    @Test
    void searchMatchesAsTheDirectoryDoesForWholeNamesAndFindsDescriptionsAndTypos() {
        for (String q : List.of("http", "regex", "json", "tls", "Log")) {
            assertEquals(names(directory.search(q, 1, 20)), names(registry.backend().search(q, 1, 20)), q);
        }
        // The description's word ranks first; `cli` follows only by its name's trigrams.
        assertEquals("http", names(registry.backend().search("client", 1, 20)).get(0));
        assertTrue(names(registry.backend().search("regx", 1, 20)).contains("regex"), "a typo finds the package");
        SearchPage second = registry.backend().search("regex", 2, 1);
        assertEquals(List.of("regex-syntax"), names(second));
        assertEquals(2, second.total());
        SearchPage past = registry.backend().search("regex", 9, 1);
        assertEquals(List.of(), past.hits());
        assertEquals(2, past.total());
        assertEquals(ReadFixture.sampleNames().size(), registry.backend().search("", 1, 100).total());
        assertTrue(PackageQueries.hasTrigrams(database), "the embedded PostgreSQL 15 has pg_trgm");
    }

    @Test
    void withoutTrigramsSearchFallsBackToPrefixes() {
        PackageQueries.TRIGRAMS.put(database, false);
        assertEquals(List.of("regex", "regex-syntax"), names(PackageQueries.search(database, "rege", 1, 20)));
        assertEquals(List.of(), names(PackageQueries.search(database, "regx", 1, 20)), "no typo without pg_trgm");
        assertEquals(List.of("http"), names(PackageQueries.search(database, "http", 1, 20)));
        assertEquals("serde:* & js:*", PackageQueries.prefixQuery("serde_js"));
    }

    @Test
    void importRefusesAnArtifactThatDoesNotMatchItsEntry() throws Exception {
        Path bad = ReadFixture.copyOfSample(temp.resolve("bad"));
        Files.write(bad.resolve("artifacts/log/log-0.4.0.tar.gz"), new byte[] {1, 2, 3});
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> registry.importDirectory(bad, List.of(ReadFixture.sampleKey())));
        assertEquals("import-refused", e.code());
        assertTrue(e.getMessage().startsWith("cannot import `" + bad.resolve("index/log.json") + "`: "), e.getMessage());

        Path unsigned = ReadFixture.copyOfSample(temp.resolve("unknown-key"));
        CocoatlyException unknown = assertThrows(CocoatlyException.class, () -> registry.importDirectory(unsigned, List.of()));
        assertEquals("import-refused", unknown.code());
        assertTrue(unknown.getMessage().contains("signed by unknown key"), unknown.getMessage());

        Path again = ReadFixture.copyOfSample(temp.resolve("again"));
        CocoatlyException notEmpty = assertThrows(CocoatlyException.class, () -> registry.importDirectory(again, List.of(ReadFixture.sampleKey())));
        assertEquals("import-target-not-empty", notEmpty.code());
    }

    private static List<String> names(SearchPage page) {
        return page.hits().stream().map(SearchPage.Hit::name).toList();
    }

}
