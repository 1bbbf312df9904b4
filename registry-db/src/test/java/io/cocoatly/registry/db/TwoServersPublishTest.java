package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.Caller;
import io.cocoatly.registry.server.RegistryBackend;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.registry.server.Upload;
import io.cocoatly.testkit.TestRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one database, as two {@link PostgresBackend}s over two separate pools,
 * publishing from many threads at once: concurrent publishes of one package are serialised by the
 * database (the JVM holds no lock they share), so exactly one publish wins per version, no version
 * is lost, and the package's revision grows by exactly the number of versions.
 */
class TwoServersPublishTest {

    private static final int THREADS = 16;

    @TempDir
    Path dir;

    private WriteTestDatabase db;
    private WriteTestDatabase.Server second;
    private Ed25519SigningKey key;
    private WriteTestUploads uploads;
    private Caller alice;

    @BeforeEach
    void start() {
        db = new WriteTestDatabase(dir);
        second = db.secondServer();
        key = TestRegistry.newKey(dir.resolve("keys"));
        uploads = new WriteTestUploads(dir);
        db.backend.addUser("alice", key.publicKey());
        alice = second.backend().authenticate(
                db.backend.createToken("alice", EnumSet.allOf(Scope.class), List.of("*"), Optional.empty()).text());
    }

    @AfterEach
    void stop() {
        second.close();
        db.close();
    }

    @Test
    void distinctVersionsOfOneNewPackageFromTwoServersAreAllKept() throws Exception {
        List<Callable<String>> publishes = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            RegistryBackend backend = i % 2 == 0 ? db.backend : second.backend();
            Upload upload = uploads.upload(backend, key, "race", "1.0." + i);
            publishes.add(() -> backend.publish(alice, upload).id().toString());
        }
        Map<String, Integer> outcomes = race(publishes);

        assertEquals(Map.of("ok", THREADS), outcomes);
        assertEquals(THREADS, longOf("SELECT count(*) FROM package_versions v JOIN packages p ON p.id = v.package_id WHERE p.name = 'race'"));
        assertEquals(1 + THREADS, longOf("SELECT revision FROM packages WHERE name = 'race'"), "one revision per version");
        assertEquals(List.of("alice"), db.backend.owners(io.cocoatly.model.PackageName.of("race")));
        assertEquals(THREADS, longOf("SELECT count(*) FROM audit_log WHERE action = 'publish' AND package = 'race'"));
        assertEquals(THREADS, db.artifacts.list().size());
    }

    @Test
    void oneVersionPublishedFromManyThreadsOnTwoServersHasExactlyOneWinner() throws Exception {
        byte[] archive = uploads.archive("race", "2.0.0", Map.of());
        List<Callable<String>> publishes = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            RegistryBackend backend = i % 2 == 0 ? db.backend : second.backend();
            Upload upload = uploads.upload(backend, archive, uploads.sign(key, "race", "2.0.0", archive), "race", "2.0.0",
                    Map.of(), Optional.empty());
            publishes.add(() -> backend.publish(alice, upload).id().toString());
        }
        Map<String, Integer> outcomes = race(publishes);

        assertEquals(Map.of("ok", 1, "409 version-exists", THREADS - 1), outcomes);
        assertEquals(1, longOf("SELECT count(*) FROM package_versions"));
        assertEquals(2, longOf("SELECT revision FROM packages WHERE name = 'race'"));
        assertEquals(1, longOf("SELECT count(*) FROM package_owners"));
        assertEquals(1, db.artifacts.list().size());
    }

    /** Starts every call at once (a latch) on its own thread; counts "ok" and "status code" outcomes. */
    private static Map<String, Integer> race(List<Callable<String>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> call : calls) {
                futures.add(threads.submit(() -> {
                    go.await();
                    try {
                        call.call();
                        return "ok";
                    } catch (ApiException e) {
                        return e.status().code() + " " + e.code();
                    }
                }));
            }
            go.countDown();
            Map<String, Integer> outcomes = new TreeMap<>();
            for (Future<String> f : futures) {
                outcomes.merge(f.get(), 1, Integer::sum);
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private long longOf(String sql) throws SQLException {
        try (Connection c = db.superuser(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
