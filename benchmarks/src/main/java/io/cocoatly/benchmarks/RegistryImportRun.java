package io.cocoatly.benchmarks;

import io.cocoatly.model.PackageListing;
import io.cocoatly.registry.db.DatabaseSettings;
import io.cocoatly.registry.db.EmbeddedDatabase;
import io.cocoatly.registry.db.ImportSummary;
import io.cocoatly.registry.db.RegistryDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Times {@code registry import} of the whole crates.io 2019 index (every crate, every version) into
 * an embedded PostgreSQL 15, then checks the hot queries' plans on it (benchmarks/registry-import.sh).
 */
public final class RegistryImportRun {

    private RegistryImportRun() {
    }

    /** {@code RegistryImportRun WORK_DIR}: a new directory for the registry and the database's data. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: RegistryImportRun WORK_DIR");
            System.exit(2);
        }
        Path work = Path.of(args[0]).toAbsolutePath();
        if (Files.exists(work)) {
            throw new IllegalArgumentException(work + " exists; give a new directory");
        }
        long start = System.nanoTime();
        List<PackageListing> listings = new ArrayList<>();
        CratesIndex.open().parseAll(listings::add);
        int releases = CratesDatabase.writeRegistry(work.resolve("registry"), listings);
        System.out.printf("wrote %d packages, %d versions as a registry directory in %s%n", listings.size(), releases, since(start));
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(work.resolve("pg"))) {
            EmbeddedDatabase.Urls urls = postgres.database("crates");
            try (RegistryDatabase db = RegistryDatabase.open(DatabaseSettings.of(urls.server()), new CratesDatabase.NoArtifacts())) {
                long importStart = System.nanoTime();
                ImportSummary summary = db.importDirectory(work.resolve("registry"), List.of());
                System.out.printf("imported %d packages, %d versions in %s%n", summary.packages(), summary.versions(), since(importStart));
                long analyzeStart = System.nanoTime();
                postgres.vacuumAnalyze("crates");
                System.out.printf("VACUUM ANALYZE in %s%n", since(analyzeStart));
                List<String> scans = db.sequentialScans(1000);
                System.out.println(scans.isEmpty() ? "hot queries: no sequential scan of a table over 1000 rows"
                        : "hot queries with sequential scans:\n  " + String.join("\n  ", scans));
            }
        }
    }

    private static String since(long start) {
        Duration d = Duration.ofNanos(System.nanoTime() - start);
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
