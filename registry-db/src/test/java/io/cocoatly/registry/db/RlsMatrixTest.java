package io.cocoatly.registry.db;

import static io.cocoatly.registry.db.RlsMatrixTest.Outcome.DENIED;
import static io.cocoatly.registry.db.RlsMatrixTest.Outcome.DONE;
import static io.cocoatly.registry.db.RlsMatrixTest.Outcome.HIDDEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's row-level security, tested by trying: every table × INSERT/UPDATE/DELETE × {anon,
 * another publisher, a revoked token, the owner}, straight over JDBC as the server's login role,
 * each attempt one transaction under {@code set_config('role', …, true)} and the claims exactly as
 * {@link Database} sets them (from {@link Access}). The database holds one package {@code http}
 * owned by alice, with a version, a dependency, a keyword, a category, an author, a download count,
 * a download event, an audit entry and tokens.
 *
 * <p>Outcomes: {@code DENIED} (SQLSTATE 42501: no grant, or a policy's {@code WITH CHECK}),
 * {@code HIDDEN} (the statement ran and touched no row: a policy's {@code USING} hid them, which is
 * not an error, so row counts are asserted) and {@code DONE} (exactly one row). A denied or hidden
 * attempt must change nothing: a superuser's dump of every table is compared before and after
 * (a hidden one is committed first). Allowed attempts are rolled back, so every attempt starts from
 * the same rows.
 */
class RlsMatrixTest {

    enum Outcome { DENIED, HIDDEN, DONE }

    private static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final List<String> ACTORS = List.of("anon", "other", "revoked", "owner");
    private static final List<Access> ACCESS = List.of(Access.ANONYMOUS, new Access.Publisher(BOB, "tok-bob"),
            new Access.Publisher(ALICE, "tok-alice-revoked"), new Access.Publisher(ALICE, "tok-alice"));
    private static final List<String> TABLES = List.of("registry_settings", "users", "user_keys", "api_tokens", "packages",
            "package_owners", "package_versions", "dependencies", "package_authors", "package_keywords", "package_categories",
            "download_stats", "download_events", "audit_log");

    private static final String P = "(SELECT id FROM packages WHERE name = 'http')";
    private static final String V = "(SELECT id FROM package_versions WHERE version = '1.0.0')";

    /** One statement and what each actor gets: anon, another publisher, a revoked token of the owner, the owner. */
    private record Attempt(String table, String sql, Outcome anon, Outcome other, Outcome revoked, Outcome owner) {
        List<Outcome> expected() {
            return List.of(anon, other, revoked, owner);
        }
    }

    private static final List<Attempt> MATRIX = List.of(
            // Any live publisher may create a package (publish-new); it becomes the first owner.
            new Attempt("packages", "INSERT INTO packages (name) VALUES ('fresh')", DENIED, DONE, DENIED, DONE),
            new Attempt("packages", "UPDATE packages SET description = 'mine now' WHERE name = 'http'", DENIED, HIDDEN, HIDDEN, DONE),
            new Attempt("packages", "DELETE FROM packages WHERE name = 'http'", DENIED, DENIED, DENIED, DENIED),
            // Column grants: not even the owner renames a package or rewrites a published version.
            new Attempt("packages", "UPDATE packages SET name = 'evil' WHERE name = 'http'", DENIED, DENIED, DENIED, DENIED),
            new Attempt("package_versions", "UPDATE package_versions SET checksums = '{}' WHERE package_id = " + P,
                    DENIED, DENIED, DENIED, DENIED),
            // An ownerless package (an import without owners) cannot be claimed by anyone.
            new Attempt("package_owners", "INSERT INTO package_owners (package_id, user_id) SELECT id, auth.uid() FROM packages "
                    + "WHERE name = 'orphan'", DENIED, DENIED, DENIED, DENIED),
            new Attempt("package_owners", "INSERT INTO package_owners (package_id, user_id) VALUES (" + P + ", '" + BOB + "')",
                    DENIED, DENIED, DENIED, DONE),
            new Attempt("package_owners", "UPDATE package_owners SET added_at = now() WHERE package_id = " + P,
                    DENIED, DENIED, DENIED, DENIED),
            // The last-owner rule is the backend's (409 last-owner): the database lets an owner leave.
            new Attempt("package_owners", "DELETE FROM package_owners WHERE package_id = " + P, DENIED, HIDDEN, HIDDEN, DONE),
            new Attempt("package_versions", "INSERT INTO package_versions (package_id, version, sort_key, prerelease, published_by)"
                    + " VALUES (" + P + ", '2.0.0', '\\x00'::bytea, false, auth.uid())", DENIED, DENIED, DENIED, DONE),
            new Attempt("package_versions", "UPDATE package_versions SET yanked = true WHERE package_id = " + P,
                    DENIED, HIDDEN, HIDDEN, DONE),
            new Attempt("package_versions", "DELETE FROM package_versions WHERE package_id = " + P, DENIED, DENIED, DENIED, DENIED),
            // A published version's dependencies are fixed at its publish, even for its owner.
            new Attempt("dependencies", "INSERT INTO dependencies (version_id, name, requirement) VALUES (" + V + ", 'evil', '*')",
                    DENIED, DENIED, DENIED, DENIED),
            new Attempt("dependencies", "UPDATE dependencies SET requirement = '*' WHERE version_id = " + V, DENIED, DENIED, DENIED, DENIED),
            new Attempt("dependencies", "DELETE FROM dependencies WHERE version_id = " + V, DENIED, DENIED, DENIED, DENIED),
            new Attempt("package_authors", "INSERT INTO package_authors (version_id, position, name) VALUES (" + V + ", 1, 'Mallory')",
                    DENIED, DENIED, DENIED, DENIED),
            new Attempt("package_authors", "UPDATE package_authors SET name = 'Mallory' WHERE version_id = " + V,
                    DENIED, DENIED, DENIED, DENIED),
            new Attempt("package_authors", "DELETE FROM package_authors WHERE version_id = " + V, DENIED, DENIED, DENIED, DENIED),
            new Attempt("package_keywords", "INSERT INTO package_keywords (package_id, keyword) VALUES (" + P + ", 'evil')",
                    DENIED, DENIED, DENIED, DONE),
            new Attempt("package_keywords", "UPDATE package_keywords SET keyword = 'evil' WHERE package_id = " + P,
                    DENIED, DENIED, DENIED, DENIED),
            new Attempt("package_keywords", "DELETE FROM package_keywords WHERE package_id = " + P, DENIED, HIDDEN, HIDDEN, DONE),
            new Attempt("package_categories", "INSERT INTO package_categories (package_id, category) VALUES (" + P + ", 'evil')",
                    DENIED, DENIED, DENIED, DONE),
            new Attempt("package_categories", "UPDATE package_categories SET category = 'evil' WHERE package_id = " + P,
                    DENIED, DENIED, DENIED, DENIED),
            new Attempt("package_categories", "DELETE FROM package_categories WHERE package_id = " + P, DENIED, HIDDEN, HIDDEN, DONE),
            // Downloads are counted by the service role only, never by a publisher.
            new Attempt("download_stats", "INSERT INTO download_stats (version_id, day, downloads) VALUES (" + V + ", '2026-01-02', 1)",
                    DENIED, DENIED, DENIED, DENIED),
            new Attempt("download_stats", "UPDATE download_stats SET downloads = 1000000", DENIED, DENIED, DENIED, DENIED),
            new Attempt("download_stats", "DELETE FROM download_stats", DENIED, DENIED, DENIED, DENIED),
            new Attempt("download_events", "INSERT INTO download_events (day, at, version_id) VALUES ('2026-01-01', now(), 1)",
                    DENIED, DENIED, DENIED, DENIED),
            new Attempt("download_events", "UPDATE download_events SET user_agent = 'x'", DENIED, DENIED, DENIED, DENIED),
            new Attempt("download_events", "DELETE FROM download_events", DENIED, DENIED, DENIED, DENIED),
            // Audit entries: by the actor, about a package it owns; append-only.
            new Attempt("audit_log", "INSERT INTO audit_log (actor, action, package, detail) VALUES (auth.uid(), 'yank', 'http', 'x')",
                    DENIED, DENIED, DENIED, DONE),
            new Attempt("audit_log", "UPDATE audit_log SET detail = 'rewritten'", DENIED, DENIED, DENIED, DENIED),
            new Attempt("audit_log", "DELETE FROM audit_log", DENIED, DENIED, DENIED, DENIED),
            // Users, keys, tokens and the registry's description: the service role's (the admin commands).
            new Attempt("users", "INSERT INTO users (login) VALUES ('mallory')", DENIED, DENIED, DENIED, DENIED),
            new Attempt("users", "UPDATE users SET login = 'mallory' WHERE login = 'alice'", DENIED, DENIED, DENIED, DENIED),
            new Attempt("users", "DELETE FROM users WHERE login = 'carol'", DENIED, DENIED, DENIED, DENIED),
            new Attempt("user_keys", "INSERT INTO user_keys (user_id, key_id, public_key) VALUES (auth.uid(), 'ed25519:ffffffffffffffff', '"
                    + "B".repeat(43) + "=')", DENIED, DENIED, DENIED, DENIED),
            new Attempt("user_keys", "UPDATE user_keys SET public_key = '" + "C".repeat(43) + "='", DENIED, DENIED, DENIED, DENIED),
            new Attempt("user_keys", "DELETE FROM user_keys", DENIED, DENIED, DENIED, DENIED),
            new Attempt("api_tokens", "INSERT INTO api_tokens (id, user_id, prefix, sha256, scopes, globs) VALUES ('forged', auth.uid(),"
                    + " 'cocoatly_', '" + "0".repeat(64) + "', ARRAY['publish-new'], ARRAY['*'])", DENIED, DENIED, DENIED, DENIED),
            new Attempt("api_tokens", "UPDATE api_tokens SET revoked_at = NULL", DENIED, DENIED, DENIED, DENIED),
            new Attempt("api_tokens", "DELETE FROM api_tokens", DENIED, DENIED, DENIED, DENIED),
            new Attempt("registry_settings", "INSERT INTO registry_settings (name, description) VALUES ('evil', '{}')",
                    DENIED, DENIED, DENIED, DENIED),
            new Attempt("registry_settings", "UPDATE registry_settings SET name = 'evil'", DENIED, DENIED, DENIED, DENIED),
            new Attempt("registry_settings", "DELETE FROM registry_settings", DENIED, DENIED, DENIED, DENIED));

    @TempDir
    static Path dir;

    private static WriteTestDatabase db;

    @BeforeAll
    static void seed() throws SQLException {
        db = new WriteTestDatabase(dir);
        try (Connection c = db.superuser(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO registry_settings (name, description) VALUES ('team', '{}')");
            s.execute("INSERT INTO users (id, login) VALUES ('" + ALICE + "', 'alice'), ('" + BOB + "', 'bob'),"
                    + " (gen_random_uuid(), 'carol')");
            s.execute("INSERT INTO user_keys (user_id, key_id, public_key) VALUES ('" + ALICE + "', 'ed25519:0123456789abcdef', '"
                    + "A".repeat(43) + "=')");
            s.execute("INSERT INTO api_tokens (id, user_id, prefix, sha256, scopes, globs, revoked_at) VALUES"
                    + " ('tok-alice', '" + ALICE + "', 'cocoatly_aaaa', '" + "a".repeat(64) + "', ARRAY['publish-new'], ARRAY['*'], NULL),"
                    + " ('tok-alice-revoked', '" + ALICE + "', 'cocoatly_rrrr', '" + "c".repeat(64) + "', ARRAY['publish-new'], ARRAY['*'], now()),"
                    + " ('tok-bob', '" + BOB + "', 'cocoatly_bbbb', '" + "b".repeat(64) + "', ARRAY['publish-new'], ARRAY['*'], NULL)");
            s.execute("INSERT INTO packages (name, description) VALUES ('http', 'the http package')");
            s.execute("INSERT INTO packages (name) VALUES ('orphan')");
            s.execute("INSERT INTO package_owners (package_id, user_id) VALUES (" + P + ", '" + ALICE + "')");
            s.execute("INSERT INTO package_versions (package_id, version, sort_key, prerelease, published_by) VALUES (" + P
                    + ", '1.0.0', '\\x01'::bytea, false, '" + ALICE + "')");
            s.execute("INSERT INTO dependencies (version_id, name, requirement) VALUES (" + V + ", 'tls', '^1.0')");
            s.execute("INSERT INTO package_authors (version_id, position, name) VALUES (" + V + ", 0, 'Alice')");
            s.execute("INSERT INTO package_keywords (package_id, keyword) VALUES (" + P + ", 'net')");
            s.execute("INSERT INTO package_categories (package_id, category) VALUES (" + P + ", 'web')");
            s.execute("INSERT INTO download_stats (version_id, day, downloads) VALUES (" + V + ", '2026-01-01', 5)");
            s.execute("SELECT ensure_download_partition('2026-01-01')");
            s.execute("INSERT INTO download_events (day, at, version_id, ip, user_agent) VALUES ('2026-01-01', now(), 1,"
                    + " '127.0.0.1', 'cocoatly/1.0')");
            s.execute("INSERT INTO audit_log (actor, token_id, action, package, detail) VALUES ('" + ALICE
                    + "', 'tok-alice', 'publish', 'http', '1.0.0')");
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void onlyTheOwnersAllowedChangesSucceedAndEverythingElseChangesNothing() throws SQLException {
        assertEquals(TABLES.stream().sorted().toList(), MATRIX.stream().map(Attempt::table).distinct().sorted().toList(),
                "every table is in the matrix");
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        try (Connection server = db.serverRole(); Connection superuser = db.superuser()) {
            for (Attempt attempt : MATRIX) {
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < ACTORS.size(); i++) {
                    String before = dump(superuser);
                    Outcome outcome = attempt(server, ACCESS.get(i), attempt.sql());
                    outcomes.add(outcome);
                    if (outcome != DONE) {
                        assertEquals(before, dump(superuser), ACTORS.get(i) + " changed something by: " + attempt.sql());
                    }
                }
                expected.add(line(attempt, attempt.expected()));
                actual.add(line(attempt, outcomes));
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @Test
    void theServersLoginRoleAloneCanDoNothing() throws SQLException {
        try (Connection server = db.serverRole(); Statement s = server.createStatement()) {
            for (String sql : List.of("SELECT count(*) FROM packages", "INSERT INTO users (login) VALUES ('mallory')",
                    "UPDATE packages SET description = 'x'", "DELETE FROM audit_log", "SELECT count(*) FROM api_tokens")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertEquals(DatabaseErrors.INSUFFICIENT_PRIVILEGE, e.getSQLState(), sql + ": " + e.getMessage());
                server.rollback();
            }
        }
    }

    @Test
    void afterCommitAPooledConnectionHasNoRoleAndNoClaims() {
        try (Database database = Database.open(db.urls.server(), java.util.Optional.empty(), 1)) {
            List<String> seen = database.write(ACCESS.get(3), c -> {
                List<String> s = List.of(settings(c));
                c.commit();
                return List.of(s.get(0), settings(c));
            });
            assertEquals("authenticated " + ACCESS.get(3).claims(), seen.get(0));
            assertEquals("authenticator ", seen.get(1));
            // And the next unit of work on the same (only) connection starts from the login role too.
            assertEquals("anon " + Access.ANONYMOUS.claims(), database.read(Access.ANONYMOUS, RlsMatrixTest::settings));
        }
    }

    private static String settings(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_user, coalesce(current_setting('request.jwt.claims', true), '')")) {
            r.next();
            return r.getString(1) + " " + r.getString(2);
        }
    }

    /** One attempt in its own transaction, as {@link Database} runs one: role and claims local to it. */
    private static Outcome attempt(Connection c, Access access, String sql) throws SQLException {
        try (PreparedStatement set = c.prepareStatement(
                "SELECT set_config('role', ?, true), set_config('request.jwt.claims', ?, true)")) {
            set.setString(1, access.role());
            set.setString(2, access.claims());
            set.execute();
        }
        try (Statement s = c.createStatement()) {
            int rows = s.executeUpdate(sql);
            if (rows == 0) {
                c.commit();
                return HIDDEN;
            }
            c.rollback();
            assertEquals(1, rows, sql);
            return DONE;
        } catch (SQLException e) {
            c.rollback();
            if (!DatabaseErrors.INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw new AssertionError(access.role() + " " + sql + ": SQLSTATE " + e.getSQLState() + " " + e.getMessage(), e);
            }
            return DENIED;
        }
    }

    private static String line(Attempt attempt, List<Outcome> outcomes) {
        StringBuilder s = new StringBuilder(attempt.table() + " " + attempt.sql().split(" ")[0] + ":");
        for (int i = 0; i < ACTORS.size(); i++) {
            s.append(' ').append(ACTORS.get(i)).append('=').append(outcomes.get(i));
        }
        return s.toString();
    }

    /** Every row of every table, as a superuser sees them. */
    static String dump(Connection superuser) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = superuser.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = s.executeQuery("SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM " + table + " t")) {
                    r.next();
                    out.append("== ").append(table).append('\n').append(r.getString(1)).append('\n');
                }
            }
        }
        return out.toString();
    }
}
