package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SchemaSmokeTest {

    @Test
    void migratesTwiceAndAnonCannotWrite() throws Exception {
        EmbeddedDatabase.Urls urls = TestDatabases.fresh();
        SchemaMigration again = RegistryDatabase.migrate(urls.owner(), EmbeddedDatabase.SERVER_ROLE);
        assertEquals(0, again.applied());
        assertEquals("1", again.after());
        try (Connection c = DriverManager.getConnection(urls.server().jdbcUrl(), urls.server().user(), null)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT set_config('role', 'anon', true)");
                SQLException e = assertThrows(SQLException.class, () -> s.execute("INSERT INTO packages (name) VALUES ('x')"));
                assertEquals("42501", e.getSQLState());
            }
        }
    }
}
