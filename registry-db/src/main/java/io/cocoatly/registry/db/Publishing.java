package io.cocoatly.registry.db;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.Caller;
import io.cocoatly.registry.server.Refusals;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.registry.server.Upload;
import io.cocoatly.registry.server.UploadCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Publish, yank and owner changes, each one transaction acting as the caller's
 * {@link Access.Publisher}, so that row-level security is what finally decides: the checks here
 * exist to answer as {@link io.cocoatly.registry.server.DirectoryBackend} does (same statuses, codes
 * and details), and the policies refuse the change by themselves where a check is missed.
 *
 * <p>Changes of one package are serialised by the database, not the JVM, so any number of server
 * processes may share it: each transaction first takes
 * {@code pg_advisory_xact_lock(hashtext(similarity key))}, which also covers a name that has no row
 * to lock yet and every name too similar to it. The unique constraints on
 * {@code (package_id, version_core)} and {@code similarity_key} stay the last word.
 */
final class Publishing {

    private final Database database;
    private final ArtifactStore artifacts;
    private final Accounts accounts;
    private final Path uploads;

    Publishing(Database database, ArtifactStore artifacts, Accounts accounts, Path uploads) {
        this.database = database;
        this.artifacts = artifacts;
        this.accounts = accounts;
        this.uploads = uploads;
    }

    /**
     * Publishes after the checks of docs/registry-protocol.md §2.1. The archive is stored before the
     * transaction commits; if the transaction fails before its COMMIT, an archive this call stored is
     * deleted again.
     */
    Release publish(Caller caller, Upload upload) {
        UploadCheck.metadata(upload);
        Path scratch = UploadCheck.scratch(uploads);
        try {
            UploadCheck.archive(upload, scratch);
        } finally {
            deleteQuietly(scratch);
        }
        Access.Publisher as = accounts.publisher(caller);
        PackageName name = upload.name();
        // stored: this call created the archive; committing: the work ran to its end, so a failure now
        // is COMMIT's, whose outcome the server cannot know (the connection may have died after the
        // database committed): then the archive stays, since an archive no index names is harmless
        // and an index entry without its archive is not (docs/registry-protocol.md §2.1).
        boolean[] stored = {false};
        boolean[] committing = {false};
        try {
            return database.write(as, c -> {
                lock(c, name);
                Optional<Long> existing = packageId(c, name);
                caller.require(existing.isEmpty() ? Scope.PUBLISH_NEW : Scope.PUBLISH_UPDATE, name);
                if (existing.isEmpty()) {
                    Optional<String> similar = similarName(c, name);
                    if (similar.isPresent()) {
                        throw Refusals.nameTooSimilar(name, similar.get());
                    }
                    UploadCheck.signature(upload, keysOf(c, List.of(caller.login())), "`" + caller.login() + "`");
                } else {
                    List<String> owners = Listings.owners(c, existing.get());
                    requireOwner(caller, name, owners);
                    UploadCheck.signature(upload, keysOf(c, owners), "the owners of `" + name + "`");
                    if (ReleaseRows.find(c, existing.get(), name, upload.version()).isPresent()) {
                        throw Refusals.versionExists(upload.id());
                    }
                }
                Release release = UploadCheck.release(upload);
                stored[0] = storeArchive(upload);
                try {
                    long packageId = existing.isPresent() ? existing.get() : createPackage(c, name, as);
                    ReleaseRows.describe(c, packageId, upload.metadata());
                    ReleaseRows.insert(c, packageId, release, Optional.of(as.userId()), upload.metadata());
                } catch (SQLException e) {
                    throw conflict(e, upload);
                }
                audit(c, as, "publish", name, upload.version().toString());
                committing[0] = true;
                return release;
            });
        } catch (RuntimeException e) {
            if (stored[0] && !committing[0]) {
                artifacts.delete(upload.id());
            }
            throw e;
        }
    }

    /**
     * Stores the archive; an object already under its key with other bytes is an orphan of a publish
     * whose COMMIT failed with an unknown outcome (it was kept, see {@link #publish}) and is replaced.
     * That is safe only here: this transaction holds the package's lock and has just seen that no
     * release names this version, so no publish that stored that object can still commit.
     */
    private boolean storeArchive(Upload upload) {
        try {
            return artifacts.put(upload.id(), upload.archive());
        } catch (ApiException e) {
            if (!"artifact-exists".equals(e.code())) {
                throw e;
            }
            artifacts.delete(upload.id());
            return artifacts.put(upload.id(), upload.archive());
        }
    }

    /** Yanks or unyanks; a version already so is not an error (and not a new index revision). */
    Release yank(Caller caller, PackageName name, Version version, boolean yanked) {
        Access.Publisher as = accounts.publisher(caller);
        return database.write(as, c -> {
            long id = packageId(c, name).orElseThrow(() -> Refusals.noPackage(name));
            caller.require(Scope.YANK, name);
            requireOwner(caller, name, Listings.owners(c, id));
            Release release = ReleaseRows.find(c, id, name, version).orElseThrow(() -> Refusals.noVersion(name, version));
            if (release.yanked() != yanked) {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE package_versions SET yanked = ? WHERE package_id = ? AND version = ?")) {
                    s.setBoolean(1, yanked);
                    s.setLong(2, id);
                    s.setString(3, release.version().toString());
                    requireChanged(s.executeUpdate());
                }
            }
            audit(c, as, yanked ? "yank" : "unyank", name, version.toString());
            return new Release(release.id(), release.dependencies(), yanked, release.artifact());
        });
    }

    /** The owners' logins, sorted; 404 if there is no such package. */
    List<String> owners(PackageName name) {
        return database.read(Access.ANONYMOUS, c -> Listings.owners(c, packageId(c, name).orElseThrow(() -> Refusals.noPackage(name))));
    }

    /** Adds or removes owners; the owners after the change, sorted. */
    List<String> changeOwners(Caller caller, PackageName name, List<String> logins, boolean add) {
        Access.Publisher as = accounts.publisher(caller);
        return database.write(as, c -> {
            lock(c, name);
            long id = packageId(c, name).orElseThrow(() -> Refusals.noPackage(name));
            caller.require(Scope.CHANGE_OWNERS, name);
            List<String> owners = Listings.owners(c, id);
            requireOwner(caller, name, owners);
            TreeSet<String> after = new TreeSet<>(owners);
            // The audit row first: its policy wants the actor to own the package, which an owner
            // removing itself no longer does afterwards.
            audit(c, as, add ? "add-owners" : "remove-owners", name, String.join(",", logins));
            if (add) {
                for (String login : logins) {
                    var user = Accounts.userId(c, login).orElseThrow(() -> Refusals.unregisteredOwner(login));
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO package_owners (package_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                        s.setLong(1, id);
                        s.setObject(2, user);
                        s.executeUpdate();
                    }
                }
                after.addAll(logins);
            } else {
                after.removeAll(logins);
                if (after.isEmpty()) {
                    throw Refusals.lastOwner(name);
                }
                try (PreparedStatement s = c.prepareStatement("""
                        DELETE FROM package_owners WHERE package_id = ?
                          AND user_id IN (SELECT u.id FROM users u WHERE u.login = ANY (?))""")) {
                    s.setLong(1, id);
                    s.setArray(2, c.createArrayOf("text", logins.toArray()));
                    s.executeUpdate();
                }
            }
            return Listings.owners(c, id);
        });
    }

    /**
     * What a unique violation means, should one get past the lock (a writer that does not take it):
     * the constraints answer as the checks above would have.
     */
    private static SQLException conflict(SQLException e, Upload upload) {
        if (!DatabaseErrors.UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return e;
        }
        if (String.valueOf(e.getMessage()).contains("package_versions")) {
            throw Refusals.versionExists(upload.id());
        }
        throw Refusals.nameTooSimilar(upload.name(), UploadCheck.similarityKey(upload.name().value()));
    }

    /** Waits for every other change of {@code name} (or of a name too similar to it) to end. */
    private static void lock(Connection c, PackageName name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            s.setString(1, UploadCheck.similarityKey(name.value()));
            s.execute();
        }
    }

    private static Optional<Long> packageId(Connection c, PackageName name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HotQueries.PACKAGE_ID)) {
            s.setString(1, name.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<String> similarName(Connection c, PackageName name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HotQueries.SIMILAR_NAME)) {
            s.setString(1, UploadCheck.similarityKey(name.value()));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** The package row and its first owner, the publisher (the policy allows that only on an ownerless package). */
    private static long createPackage(Connection c, PackageName name, Access.Publisher as) throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO packages (name) VALUES (?) RETURNING id")) {
            s.setString(1, name.value());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO package_owners (package_id, user_id) VALUES (?, ?)")) {
            s.setLong(1, id);
            s.setObject(2, as.userId());
            s.executeUpdate();
        }
        return id;
    }

    private static List<Ed25519PublicKey> keysOf(Connection c, List<String> logins) throws SQLException {
        List<Ed25519PublicKey> keys = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT k.public_key FROM user_keys k JOIN users u ON u.id = k.user_id
                WHERE u.login = ANY (?) ORDER BY u.login, k.added_at""")) {
            s.setArray(1, c.createArrayOf("text", logins.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(Ed25519PublicKey.parse(r.getString(1)));
                }
            }
        }
        return keys;
    }

    private static void requireOwner(Caller caller, PackageName name, List<String> owners) {
        if (!owners.contains(caller.login())) {
            throw Refusals.notAnOwner(caller, name);
        }
    }

    /** An UPDATE the policies hid reports no row, not an error: that is a refusal too. */
    private static void requireChanged(int rows) {
        if (rows == 0) {
            throw DatabaseErrors.refused();
        }
    }

    private static void audit(Connection c, Access.Publisher as, String action, PackageName name, String detail)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_log (actor, token_id, action, package, detail) VALUES (?, ?, ?, ?, ?)")) {
            s.setObject(1, as.userId());
            s.setString(2, as.tokenId());
            s.setString(3, action);
            s.setString(4, name.value());
            s.setString(5, detail);
            s.executeUpdate();
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // An empty scratch directory under the uploads directory costs nothing and is never served.
            return;
        }
    }
}
