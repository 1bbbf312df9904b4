package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ArtifactFile;
import io.cocoatly.registry.server.ServedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read protocol's files from PostgreSQL: byte-identical to the directory registry they were
 * imported from, strong ETags that change exactly when a package changes, caches kept current across
 * servers by notifications, artifacts only of known versions, and an export that gives the
 * directory back byte for byte.
 */
class PostgresFilesTest {

    @TempDir
    static Path temp;

    private static EmbeddedDatabase.Urls urls;
    private static RegistryDatabase registry;
    private static Database sql;

    @BeforeAll
    static void importSample() {
        urls = TestDatabases.fresh();
        registry = RegistryDatabase.open(DatabaseSettings.of(urls.server()), new ReadTestArtifacts(temp.resolve("store")));
        // A copy: import takes the directory's lock, which writes a lock file into it.
        Path copy = ReadFixture.copyOfSample(temp.resolve("sample"));
        ImportSummary summary = registry.importDirectory(copy, List.of(ReadFixture.sampleKey()));
        assertEquals(ReadFixture.sampleNames().size(), summary.packages());
        sql = ReadFixture.database(urls);
    }

    @AfterAll
    static void close() {
        registry.close();
        sql.close();
    }

    @Test
    void everyFileIsByteIdenticalToTheDirectoryRegistry() throws Exception {
        Path dir = ReadFixture.sample();
        for (String path : ReadFixture.registryFiles(dir).keySet()) {
            if (path.startsWith("artifacts/")) {
                ArtifactFile.Local artifact = (ArtifactFile.Local) registry.files().artifact(path).orElseThrow(() -> new AssertionError(path));
                assertArrayEquals(Files.readAllBytes(dir.resolve(path)), Files.readAllBytes(artifact.file()), path);
            } else {
                ServedFile file = registry.files().file(path).orElseThrow(() -> new AssertionError(path));
                assertArrayEquals(Files.readAllBytes(dir.resolve(path)), file.bytes(), path);
            }
        }
        assertEquals(Optional.empty(), registry.files().file("index/no-such-package.json"));
    }

    @Test
    void exportGivesTheDirectoryBackByteForByte() {
        Path out = temp.resolve("exported");
        ExportSummary summary = registry.exportDirectory(out);
        assertEquals(ReadFixture.registryFiles(ReadFixture.sample()), ReadFixture.registryFiles(out));
        assertTrue(summary.artifacts() > 0);
    }

    @Test
    void artifactsAreServedOnlyInTheirExactFormAndOnlyForKnownVersions() {
        assertTrue(registry.files().artifact("artifacts/http/http-1.2.0.tar.gz").isPresent());
        for (String bad : List.of("artifacts/http/http-1.2.tar.gz", "artifacts/http/log-0.4.0.tar.gz", "artifacts/http/http-1.2.0.tgz",
                "artifacts/http//http-1.2.0.tar.gz", "artifacts/HTTP/HTTP-1.2.0.tar.gz", "artifacts/http/http-1.2.0.tar.gz/x",
                "artifacts/http/http-01.2.0.tar.gz", "artifacts/../http/http-1.2.0.tar.gz", "index/http.json")) {
            assertEquals(Optional.empty(), PostgresFiles.artifactId(bad), bad);
            assertEquals(Optional.empty(), registry.files().artifact(bad), bad);
        }
        // An object in the store that no version names is not served.
        new ReadTestArtifacts(temp.resolve("store")).put(PackageId.of("http", "9.9.9"),
                ReadFixture.sample().resolve("artifacts/http/http-1.2.0.tar.gz"));
        assertEquals(Optional.empty(), registry.files().artifact("artifacts/http/http-9.9.9.tar.gz"));
    }

    @Test
    void etagsChangeExactlyWhenThePackageChangesAndEveryServerSeesIt() {
        PostgresFiles files = (PostgresFiles) registry.files();
        try (RegistryDatabase second = RegistryDatabase.open(DatabaseSettings.of(urls.server()), new ReadTestArtifacts(temp.resolve("store")))) {
            PostgresFiles other = (PostgresFiles) second.files();
            waitFor(files::listening);
            waitFor(other::listening);
            ServedFile tls = files.file("index/tls.json").orElseThrow();
            ServedFile before = files.file("index/uuid.json").orElseThrow();
            assertEquals(before.etag(), other.file("index/uuid.json").orElseThrow().etag(), "the same package has the same tag everywhere");
            assertTrue(before.etag().matches("\"r[0-9]+-[0-9a-f]{16}\""), before.etag());

            // Served from memory: no round trip while the listener is up.
            long trips = files.roundTrips();
            for (int i = 0; i < 5; i++) {
                assertEquals(before.etag(), files.file("index/uuid.json").orElseThrow().etag());
            }
            assertEquals(trips, files.roundTrips());

            // What does not change the index file does not change the tag: a new description.
            execute("UPDATE packages SET description = 'ids' WHERE name = 'uuid'");
            waitFor(() -> !other.cached("uuid"));
            assertEquals(before.etag(), other.file("index/uuid.json").orElseThrow().etag());

            // A yank is seen by both servers, with a new tag; another package keeps its tag.
            execute("UPDATE package_versions SET yanked = true WHERE version = '1.5.0' AND package_id = (SELECT id FROM packages WHERE name = 'uuid')");
            waitFor(() -> !files.cached("uuid") && !other.cached("uuid"));
            ServedFile after = files.file("index/uuid.json").orElseThrow();
            assertNotEquals(before.etag(), after.etag());
            assertTrue(new String(after.bytes()).contains("\"yanked\": true"));
            assertEquals(after.etag(), other.file("index/uuid.json").orElseThrow().etag());
            assertArrayEquals(after.bytes(), other.file("index/uuid.json").orElseThrow().bytes());
            assertEquals(tls.etag(), files.file("index/tls.json").orElseThrow().etag());
            execute("UPDATE package_versions SET yanked = false WHERE version = '1.5.0' AND package_id = (SELECT id FROM packages WHERE name = 'uuid')");
            waitFor(() -> !files.cached("uuid"));
            assertArrayEquals(before.bytes(), files.file("index/uuid.json").orElseThrow().bytes());
        }
    }

    @Test
    void withoutTheListenerEveryRequestRevalidatesTheRevision() {
        Database database = ReadFixture.database(urls);
        // The listener does not come back for an hour: the test sees only the revalidation.
        try (PostgresFiles files = new PostgresFiles(database, new ReadTestArtifacts(temp.resolve("store")),
                new DownloadCounter(database, Duration.ofSeconds(5), 90), Duration.ofHours(1))) {
            waitFor(files::listening);
            ServedFile before = files.file("index/bytes.json").orElseThrow();
            ReadFixture.superuser(urls, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                    + IndexListener.APPLICATION_NAME + "' AND datname = current_database()");
            waitFor(() -> !files.listening());
            long trips = files.roundTrips();
            assertEquals(before.etag(), files.file("index/bytes.json").orElseThrow().etag());
            assertEquals(trips + 1, files.roundTrips(), "the cache was dropped: one render");
            assertEquals(before.etag(), files.file("index/bytes.json").orElseThrow().etag());
            assertEquals(trips + 2, files.roundTrips(), "a cached file costs one revision check");
            execute("UPDATE package_versions SET yanked = true WHERE version = '1.0.0' AND package_id = (SELECT id FROM packages WHERE name = 'bytes')");
            ServedFile after = files.file("index/bytes.json").orElseThrow();
            assertNotEquals(before.etag(), after.etag());
            execute("UPDATE package_versions SET yanked = false WHERE version = '1.0.0' AND package_id = (SELECT id FROM packages WHERE name = 'bytes')");
        } finally {
            database.close();
        }
    }

    @Test
    void namesJsonFollowsNewPackages() {
        EmbeddedDatabase.Urls empty = TestDatabases.fresh();
        try (RegistryDatabase db = RegistryDatabase.open(DatabaseSettings.of(empty.server()), new ReadTestArtifacts(temp.resolve("none")));
             Database service = ReadFixture.database(empty)) {
            PostgresFiles files = (PostgresFiles) db.files();
            waitFor(files::listening);
            assertEquals("{\n  \"names\": []\n}\n", new String(files.file("names.json").orElseThrow().bytes()));
            assertEquals(Optional.empty(), files.file("registry.json"), "no registry imported yet");
            service.write(Access.SERVICE, c -> c.prepareStatement("INSERT INTO packages (name) VALUES ('zzz-new')").executeUpdate());
            waitFor(() -> new String(files.file("names.json").orElseThrow().bytes()).contains("zzz-new"));

            // registry.json is announced too (payload :registry), so a changed description is served.
            service.write(Access.SERVICE, c -> c.prepareStatement(
                    "INSERT INTO registry_settings (name, description) VALUES ('t', '{\"format\": 1, \"name\": \"t\"}')").executeUpdate());
            ServedFile first = files.file("registry.json").orElseThrow();
            service.write(Access.SERVICE, c -> c.prepareStatement(
                    "UPDATE registry_settings SET description = '{\"format\": 1, \"name\": \"u\"}'").executeUpdate());
            waitFor(() -> !files.file("registry.json").orElseThrow().etag().equals(first.etag()));
            assertEquals("{\"format\": 1, \"name\": \"u\"}", new String(files.file("registry.json").orElseThrow().bytes()));
        }
    }

    @Test
    void thePlanCheckFindsSequentialScansWhereThereAreAny() {
        // 35 packages are a few pages: the planner rightly scans them, and the check must say so
        // (over the crates.io data it finds none: benchmarks' CratesDatabaseTest).
        TestDatabases.server().vacuumAnalyze(urls.owner().database());
        List<String> scans = registry.sequentialScans(0);
        assertTrue(scans.stream().anyMatch(s -> s.startsWith("query `index file`: sequential scan of `packages`")), scans.toString());
    }

    /** Runs one statement as the service role; it must change exactly one row. */
    private static void execute(String statement) {
        int rows = sql.write(Access.SERVICE, c -> {
            try (PreparedStatement s = c.prepareStatement(statement)) {
                return s.executeUpdate();
            }
        });
        assertEquals(1, rows, statement);
    }

    /** Waits for a notification's effect; the build's timeout ends a wait that never ends. */
    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s in vain");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
