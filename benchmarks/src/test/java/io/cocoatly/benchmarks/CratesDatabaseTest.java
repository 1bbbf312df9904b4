package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.PackageListing;
import io.cocoatly.registry.db.DatabaseSettings;
import io.cocoatly.registry.db.EmbeddedDatabase;
import io.cocoatly.registry.db.RegistryDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crates.io data through PostgreSQL: imported, every file served byte-identical to the directory
 * it came from, and every hot query of the server planned on indexes (no sequential scan of a table
 * over 1,000 rows) once the statistics are current. The excerpt always; a larger sample of the
 * snapshot where it is present.
 */
class CratesDatabaseTest {

    @TempDir
    static Path temp;

    private static EmbeddedDatabase postgres;

    @BeforeAll
    static void start() {
        postgres = EmbeddedDatabase.start(Path.of("target", "embedded-pg-" + ProcessHandle.current().pid()).toAbsolutePath());
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void theExcerptIsServedByteIdenticallyAndItsHotQueriesUseIndexes() throws IOException {
        List<PackageListing> listings = new ArrayList<>();
        SharedIndex.EXCERPT.parseAll(listings::add);
        check("excerpt", listings);
    }

    @Test
    void aLargerSampleOfTheSnapshotToo() throws IOException {
        CratesIndex snapshot = SharedIndex.snapshot();
        List<PackageListing> listings = new ArrayList<>(CratesRegistryWriter.closure(snapshot,
                CratesRoots.load(SharedIndex.snapshotDirectory().resolve(DataFiles.ROOTS_FILE)).subList(0, 100)).values());
        check("sample", listings);
    }

    private static void check(String name, List<PackageListing> listings) throws IOException {
        Path dir = temp.resolve(name);
        int versions = CratesDatabase.writeRegistry(dir, listings);
        EmbeddedDatabase.Urls urls = postgres.database(name);
        try (RegistryDatabase db = RegistryDatabase.open(DatabaseSettings.of(urls.server()), new CratesDatabase.NoArtifacts())) {
            assertEquals(versions, db.importDirectory(dir, List.of()).versions());
            for (Path file : files(dir)) {
                String path = dir.relativize(file).toString().replace('\\', '/');
                assertArrayEquals(Files.readAllBytes(file), db.files().file(path).orElseThrow(() -> new AssertionError(path)).bytes(), path);
            }
            postgres.vacuumAnalyze(name);
            assertEquals(List.of(), db.sequentialScans(1000));
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        List<Path> files = new ArrayList<>(List.of(dir.resolve("registry.json"), dir.resolve("names.json")));
        try (Stream<Path> index = Files.list(dir.resolve("index"))) {
            index.sorted().forEach(files::add);
        }
        return files;
    }
}
