package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile rows written straight over JDBC, as the service role (which the policies let write
 * anything): the schema's CHECK and UNIQUE constraints refuse them by themselves, the same rules
 * the backend checks before it writes (an uppercase name or a Unicode look-alike, a version that is
 * not SemVer, an over-long description, two versions that differ only in build metadata, names that
 * differ only by {@code -} versus {@code _}).
 */
class DatabaseConstraintsTest {

    @TempDir
    static Path dir;

    private static WriteTestDatabase db;

    @BeforeAll
    static void seed() throws SQLException {
        db = new WriteTestDatabase(dir);
        try (Connection c = db.superuser(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (login) VALUES ('alice')");
            s.execute("INSERT INTO packages (name) VALUES ('my_pkg')");
            s.execute("INSERT INTO package_versions (package_id, version, sort_key, prerelease)"
                    + " SELECT id, '1.0.0+a', '\\x01'::bytea, false FROM packages WHERE name = 'my_pkg'");
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theSchemaRefusesHostileRowsByItself() throws SQLException {
        String pkg = "(SELECT id FROM packages WHERE name = 'my_pkg')";
        String version = "(SELECT id FROM package_versions LIMIT 1)";
        List<String[]> cases = List.of(
                new String[] {"INSERT INTO packages (name) VALUES ('Http')", "23514"},
                new String[] {"INSERT INTO packages (name) VALUES ('\u04bbttp')", "23514"},
                new String[] {"INSERT INTO packages (name) VALUES ('h\u0430ttp')", "23514"},
                new String[] {"INSERT INTO packages (name) VALUES ('')", "23514"},
                new String[] {"INSERT INTO packages (name) VALUES ('" + "a".repeat(65) + "')", "23514"},
                new String[] {"INSERT INTO packages (name) VALUES ('../etc')", "23514"},
                new String[] {"INSERT INTO packages (name, description) VALUES ('long', '" + "d".repeat(1001) + "')", "23514"},
                new String[] {"INSERT INTO packages (name) VALUES ('my-pkg')", "23505"},
                new String[] {"INSERT INTO packages (name) VALUES ('my_pkg')", "23505"},
                new String[] {"INSERT INTO package_versions (package_id, version, sort_key, prerelease) VALUES (" + pkg
                        + ", '1.0', '\\x02'::bytea, false)", "23514"},
                new String[] {"INSERT INTO package_versions (package_id, version, sort_key, prerelease) VALUES (" + pkg
                        + ", '01.0.0', '\\x02'::bytea, false)", "23514"},
                new String[] {"INSERT INTO package_versions (package_id, version, sort_key, prerelease) VALUES (" + pkg
                        + ", '1.0.0+b', '\\x02'::bytea, false)", "23505"},
                new String[] {"INSERT INTO package_versions (package_id, version, sort_key, prerelease, artifact_url) VALUES (" + pkg
                        + ", '2.0.0', '\\x02'::bytea, false, 'artifacts/x.tar.gz')", "23514"},
                new String[] {"INSERT INTO dependencies (version_id, name, requirement) VALUES (" + version + ", 'Tls', '^1')", "23514"},
                new String[] {"INSERT INTO dependencies (version_id, name, requirement) VALUES (" + version + ", 'tls', '')", "23514"},
                new String[] {"INSERT INTO package_keywords (package_id, keyword) VALUES (" + pkg + ", 'Bad Word')", "23514"},
                new String[] {"INSERT INTO users (login) VALUES ('Alice')", "23514"},
                new String[] {"INSERT INTO api_tokens (id, user_id, prefix, sha256, scopes, globs) SELECT 'x', id, 'cocoatly_',"
                        + " '" + "0".repeat(64) + "', ARRAY['admin'], ARRAY['*'] FROM users", "23514"});
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        try (Connection c = db.serverRole()) {
            for (String[] kase : cases) {
                expected.add(kase[1] + " " + kase[0]);
                actual.add(state(c, kase[0]) + " " + kase[0]);
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertEquals(1, db.count("packages"));
        assertEquals(1, db.count("package_versions"));
    }

    /** The SQLSTATE of running {@code sql} as the service role, or "ok". */
    private static String state(Connection c, String sql) throws SQLException {
        try (PreparedStatement set = c.prepareStatement(
                "SELECT set_config('role', ?, true), set_config('request.jwt.claims', ?, true)")) {
            set.setString(1, Access.SERVICE.role());
            set.setString(2, Access.SERVICE.claims());
            set.execute();
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
            c.rollback();
            return "ok";
        } catch (SQLException e) {
            c.rollback();
            return e.getSQLState();
        }
    }
}
