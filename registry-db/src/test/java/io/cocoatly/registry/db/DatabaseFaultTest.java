package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.Caller;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.testkit.TestRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away in the middle of a publish: after the archive is stored and before the
 * transaction commits, every connection of the server's role is terminated from a superuser's
 * session ({@code pg_terminate_backend}), as a restart or a failover would. The publish fails with
 * 503, nothing is half written (no row, no archive), and the next publish succeeds.
 */
class DatabaseFaultTest {

    @TempDir
    Path dir;

    private WriteTestDatabase db;
    private Ed25519SigningKey key;
    private WriteTestUploads uploads;
    private Caller alice;

    @BeforeEach
    void start() {
        db = new WriteTestDatabase(dir);
        key = TestRegistry.newKey(dir.resolve("keys"));
        uploads = new WriteTestUploads(dir);
        db.backend.addUser("alice", key.publicKey());
        alice = db.backend.authenticate(db.backend.createToken("alice", EnumSet.allOf(Scope.class), List.of("*"), Optional.empty()).text());
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void theDatabaseGoingAwayMidPublishIs503WithNothingWrittenAndTheNextPublishSucceeds() throws Exception {
        int[] terminated = {0};
        db.artifacts.afterPut(id -> terminated[0] = terminateServerConnections());
        ApiException e = assertThrows(ApiException.class, () -> db.backend.publish(alice, uploads.upload(db.backend, key, "http", "1.0.0")));
        assertEquals(ApiException.Status.SERVICE_UNAVAILABLE, e.status());
        assertEquals("database-unavailable", e.code());
        assertEquals("the registry's database is not reachable now; try again in a moment", e.detail());
        assertTrue(terminated[0] >= 1, "the publish's own connection was terminated");
        assertEquals(0, db.count("packages"));
        assertEquals(0, db.count("package_versions"));
        assertEquals(0, db.count("audit_log"));
        assertFalse(db.artifacts.exists(PackageId.of("http", "1.0.0")), "the stored archive was deleted again");

        db.artifacts.afterPut(id -> { });
        assertEquals("http@1.0.0", db.backend.publish(alice, uploads.upload(db.backend, key, "http", "1.0.0")).id().toString());
        assertEquals(1, db.count("package_versions"));
        assertTrue(db.artifacts.exists(PackageId.of("http", "1.0.0")));
    }

    @Test
    void anOrphanArchiveWithOtherBytesDoesNotBlockTheVersion() throws Exception {
        // What a publish whose COMMIT failed with an unknown outcome leaves: an archive no release names.
        Path orphan = dir.resolve("orphan.tar.gz");
        java.nio.file.Files.write(orphan, uploads.archive("http", "1.0.0", java.util.Map.of("zlib", "^1")));
        db.artifacts.put(PackageId.of("http", "1.0.0"), orphan);
        var upload = uploads.upload(db.backend, key, "http", "1.0.0");

        assertEquals("http@1.0.0", db.backend.publish(alice, upload).id().toString());

        try (var stored = db.artifacts.open(PackageId.of("http", "1.0.0")).orElseThrow()) {
            assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(upload.archive()), stored.readAllBytes()),
                    "the published archive replaced the orphan");
        }
    }

    @Test
    void idleConnectionsTheDatabaseDroppedAreReplacedWithoutFailingARequest() {
        db.backend.publish(alice, uploads.upload(db.backend, key, "http", "1.0.0"));
        assertTrue(terminateServerConnections() >= 1, "the pool's idle connections were terminated");
        // The pool still holds them; the first statement on each fails and the unit of work moves on.
        assertEquals(List.of("alice"), db.backend.owners(io.cocoatly.model.PackageName.of("http")));
        assertEquals("http@1.1.0", db.backend.publish(alice, uploads.upload(db.backend, key, "http", "1.1.0")).id().toString());
    }

    @Test
    void aDatabaseThatCannotBeReachedIs503() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DatabaseUrl nowhere = new DatabaseUrl("127.0.0.1", port, "registry", "authenticator", Optional.empty(), Optional.empty());
        try (Database database = Database.open(nowhere, Optional.empty(), 2)) {
            PostgresBackend backend = new PostgresBackend(database, db.artifacts, dir.resolve("uploads-nowhere"));
            ApiException e = assertThrows(ApiException.class, () -> backend.authenticate("cocoatly_whatever"));
            assertEquals(503, e.status().code());
            assertEquals("database-unavailable", e.code());
        }
    }

    private int terminateServerConnections() {
        try (Connection c = db.superuser(); PreparedStatement s = c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND usename = ?")) {
            s.setString(1, db.urls.server().database());
            s.setString(2, EmbeddedDatabase.SERVER_ROLE);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
