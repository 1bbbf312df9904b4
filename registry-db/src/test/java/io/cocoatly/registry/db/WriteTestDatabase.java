package io.cocoatly.registry.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A fresh migrated database (from {@link TestDatabases}) with a pool logging in as the server role,
 * a {@link PostgresBackend} over it and a {@link WriteTestArtifacts} store; plus a superuser's
 * connection for looking past row-level security.
 */
final class WriteTestDatabase implements AutoCloseable {

    final EmbeddedDatabase.Urls urls;
    final Database database;
    final WriteTestArtifacts artifacts;
    final PostgresBackend backend;
    private final Path dir;

    WriteTestDatabase(Path dir) {
        this.dir = dir;
        this.urls = TestDatabases.fresh();
        this.database = Database.open(urls.server(), Optional.empty(), 8);
        this.artifacts = new WriteTestArtifacts(dir.resolve("artifacts"));
        this.backend = new PostgresBackend(database, artifacts, dir.resolve("uploads"));
    }

    /** A backend and the pool it alone uses. */
    record Server(Database database, PostgresBackend backend) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
        }
    }

    /** Another backend with its own pool on the same database and artifacts: a second server process. */
    Server secondServer() {
        Database pool = Database.open(urls.server(), Optional.empty(), 8);
        return new Server(pool, new PostgresBackend(pool, artifacts, dir.resolve("uploads-2")));
    }

    /** A superuser's connection (autocommit), which row-level security does not apply to. */
    Connection superuser() throws SQLException {
        DatabaseUrl su = TestDatabases.server().superuser(urls.owner().database());
        return DriverManager.getConnection(su.jdbcUrl(), su.user(), null);
    }

    /** A connection as the server's login role, autocommit off, as the pool's are. */
    Connection serverRole() throws SQLException {
        Connection c = DriverManager.getConnection(urls.server().jdbcUrl(), urls.server().user(), null);
        c.setAutoCommit(false);
        return c;
    }

    /** The number of rows of {@code table}, seen by a superuser. */
    long count(String table) {
        try (Connection c = superuser(); var s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
