package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.Caller;
import io.cocoatly.registry.server.NewToken;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.registry.server.UploadCheck;
import io.cocoatly.testkit.TestRegistry;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matrix of {@link RlsMatrixTest} reached through the backend, as the HTTP API reaches it (with
 * the {@link Caller} that {@code authenticate} gives a request's token): another publisher, a
 * revoked token and the owner publish, yank and change owners. And where the backend's own checks
 * pass but the database's do not (a token revoked after the request was authenticated; the
 * publishing statements run as another user), row-level security refuses by itself: 403
 * {@code not-allowed}, nothing written, no archive left.
 */
class DatabaseRefusesByItselfTest {

    @TempDir
    Path dir;

    private WriteTestDatabase db;
    private Ed25519SigningKey aliceKey;
    private Ed25519SigningKey bobKey;
    private WriteTestUploads uploads;
    private Caller alice;
    private Caller bob;

    @BeforeEach
    void start() {
        db = new WriteTestDatabase(dir);
        aliceKey = TestRegistry.newKey(dir.resolve("keys-alice"));
        bobKey = TestRegistry.newKey(dir.resolve("keys-bob"));
        uploads = new WriteTestUploads(dir);
        db.backend.addUser("alice", aliceKey.publicKey());
        db.backend.addUser("bob", bobKey.publicKey());
        alice = db.backend.authenticate(token("alice").text());
        bob = db.backend.authenticate(token("bob").text());
        db.backend.publish(alice, uploads.upload(db.backend, aliceKey, "http", "1.0.0"));
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private NewToken token(String login) {
        return db.backend.createToken(login, EnumSet.allOf(Scope.class), List.of("*"), Optional.empty());
    }

    @Test
    void throughTheBackendOnlyTheOwnerChangesAnything() {
        PackageName http = PackageName.of("http");
        NewToken revoked = token("alice");
        db.backend.revokeToken(revoked.info().id());
        // anon has no token, so no Caller: the API answers 401 token-missing before the backend.
        assertEquals("401 token-revoked", outcome(() -> db.backend.authenticate(revoked.text())));

        assertEquals("403 not-an-owner", outcome(() -> db.backend.publish(bob, uploads.upload(db.backend, bobKey, "http", "1.1.0"))));
        assertEquals("403 not-an-owner", outcome(() -> db.backend.yank(bob, http, Version.parse("1.0.0"), true)));
        assertEquals("403 not-an-owner", outcome(() -> db.backend.changeOwners(bob, http, List.of("bob"), true)));
        assertEquals("403 not-an-owner", outcome(() -> db.backend.changeOwners(bob, http, List.of("alice"), false)));
        assertEquals(1, db.count("package_versions"));
        assertEquals(1, db.count("package_owners"));

        assertEquals("ok", outcome(() -> db.backend.publish(alice, uploads.upload(db.backend, aliceKey, "http", "1.1.0"))));
        assertEquals("ok", outcome(() -> db.backend.yank(alice, http, Version.parse("1.0.0"), true)));
        assertEquals("ok", outcome(() -> db.backend.changeOwners(alice, http, List.of("bob"), true)));
        assertEquals(2, db.count("package_versions"));
        assertEquals(2, db.count("package_owners"));
    }

    @Test
    void aTokenRevokedAfterAuthenticationWritesNothing() {
        PackageName http = PackageName.of("http");
        NewToken late = token("alice");
        Caller caller = db.backend.authenticate(late.text());
        db.backend.revokeToken(late.info().id());
        long audit = db.count("audit_log");

        ApiException publish = assertThrows(ApiException.class,
                () -> db.backend.publish(caller, uploads.upload(db.backend, aliceKey, "http", "1.1.0")));
        assertEquals("403 not-allowed: the registry refused this change", publish.status().code() + " " + publish.code()
                + ": " + publish.detail());
        assertFalse(db.artifacts.exists(PackageId.of("http", "1.1.0")), "the archive stored before the refusal is gone");
        assertEquals("403 not-allowed", outcome(() -> db.backend.yank(caller, http, Version.parse("1.0.0"), true)));
        assertEquals("403 not-allowed", outcome(() -> db.backend.changeOwners(caller, http, List.of("bob"), true)));
        assertEquals(1, db.count("package_versions"));
        assertEquals(1, db.count("package_owners"));
        assertEquals(audit, db.count("audit_log"));
        assertEquals(0, db.count("package_versions WHERE yanked"), "not yanked");
    }

    @Test
    void publishingStatementsRunAsAnotherPublisherAreRefusedByThePolicies() {
        UUID bobId = db.database.read(Access.SERVICE, c -> Accounts.userId(c, "bob").orElseThrow());
        Access.Publisher asBob = new Access.Publisher(bobId, bob.tokenId());
        Release release = UploadCheck.release(uploads.upload(db.backend, bobKey, "http", "2.0.0"));
        ApiException e = assertThrows(ApiException.class, () -> db.database.write(asBob, c -> {
            long id = packageIdOf(c, "http");
            return ReleaseRows.insert(c, id, release, Optional.of(bobId), io.cocoatly.model.ManifestMetadata.NONE);
        }));
        assertEquals("403 not-allowed", e.status().code() + " " + e.code());
        assertEquals(1, db.count("package_versions"));
    }

    private static long packageIdOf(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (var s = c.prepareStatement("SELECT id FROM packages WHERE name = ?")) {
            s.setString(1, name);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String outcome(Runnable action) {
        try {
            action.run();
            return "ok";
        } catch (ApiException e) {
            return e.status().code() + " " + e.code();
        }
    }
}
