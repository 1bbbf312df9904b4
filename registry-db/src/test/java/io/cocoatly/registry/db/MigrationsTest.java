package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void aSecondMigrationDoesNothing() throws SQLException {
        EmbeddedDatabase.Urls urls = TestDatabases.fresh();
        String before = dumpSchema(urls.owner());

        SchemaMigration again = RegistryDatabase.migrate(urls.owner(), EmbeddedDatabase.SERVER_ROLE);

        assertEquals(new SchemaMigration("1", "1", 0), again);
        assertEquals(before, dumpSchema(urls.owner()));
    }

    @Test
    void theServerLoginRoleOwnsNothingAndAnonCannotWrite() throws SQLException {
        EmbeddedDatabase.Urls urls = TestDatabases.fresh();
        try (Connection c = connect(urls.server())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                SQLException asItself = assertThrows(SQLException.class, () -> s.execute("SELECT count(*) FROM packages"));
                assertEquals(DatabaseErrors.INSUFFICIENT_PRIVILEGE, asItself.getSQLState());
            }
            c.rollback();
            try (Statement s = c.createStatement()) {
                s.execute("SELECT set_config('role', 'anon', true)");
                SQLException e = assertThrows(SQLException.class, () -> s.execute("INSERT INTO packages (name) VALUES ('x')"));
                assertEquals(DatabaseErrors.INSUFFICIENT_PRIVILEGE, e.getSQLState());
            }
            c.rollback();
        }
    }

    @Test
    void aDatabaseFromANewerSchemaIsRefusedBeforeAnythingIsTouched() throws SQLException {
        EmbeddedDatabase.Urls urls = TestDatabases.fresh();
        try (Connection c = connect(urls.owner()); Statement s = c.createStatement()) {
            // What a newer cocoatly's migration would have left behind.
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) VALUES (99, '2', 'from the future', 'SQL', "
                    + "'V2__from_the_future.sql', 0, 'registry_owner', 1, true)");
        }
        String before = dumpSchema(urls.owner());

        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> RegistryDatabase.migrate(urls.owner(), EmbeddedDatabase.SERVER_ROLE));

        assertEquals("schema-too-new", e.code());
        assertTrue(e.getMessage().contains("has schema version 2, newer than this cocoatly knows (1)"), e.getMessage());
        assertEquals(before, dumpSchema(urls.owner()));
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password().orElse(null));
    }

    /** Every table, column, policy and migration row, as text: equal before and after means nothing changed. */
    private static String dumpSchema(DatabaseUrl url) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            for (String sql : new String[] {
                "SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns "
                        + "WHERE table_schema = 'public' ORDER BY 1",
                "SELECT tablename || '.' || policyname || ':' || cmd FROM pg_policies ORDER BY 1",
                "SELECT installed_rank || ':' || coalesce(version, '-') || ':' || success FROM flyway_schema_history ORDER BY 1"}) {
                try (ResultSet r = s.executeQuery(sql)) {
                    while (r.next()) {
                        out.append(r.getString(1)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
