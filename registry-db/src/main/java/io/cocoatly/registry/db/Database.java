package io.cocoatly.registry.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The server's connections to PostgreSQL: a pool that logs in as the server's role (which owns
 * nothing), and the one place where a unit of work becomes a transaction under a role and claims.
 *
 * <p>Every unit of work is {@code BEGIN; set_config('role', …, true); set_config('request.jwt.claims',
 * …, true); work; COMMIT} — {@code set_config('role', r, true)} is {@code SET LOCAL ROLE r} in one
 * round trip with the claims, as PostgREST does it. Both settings end with the transaction, so a
 * pooled connection (or PgBouncer in transaction mode) never carries one request's role into the
 * next. With a read-only replica configured, {@link #read} runs there.
 */
final class Database implements AutoCloseable {

    /** A unit of work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        /** Runs on {@code connection}, inside the transaction; throws to roll it back. */
        T run(Connection connection) throws SQLException;
    }

    private final HikariDataSource primary;
    private final Optional<HikariDataSource> replica;
    private final DatabaseUrl url;

    private Database(DatabaseUrl url, HikariDataSource primary, Optional<HikariDataSource> replica) {
        this.url = url;
        this.primary = primary;
        this.replica = replica;
    }

    /**
     * A pool on {@code url} (the server's login role), and one on {@code readReplica} for reads if given.
     * Connecting is lazy: a database that is down now fails the first request with 503, not the start.
     */
    static Database open(DatabaseUrl url, Optional<DatabaseUrl> readReplica, int maxConnections) {
        return new Database(url, pool(url, maxConnections, false), readReplica.map(r -> pool(r, maxConnections, true)));
    }

    private static HikariDataSource pool(DatabaseUrl url, int maxConnections, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setReadOnly(readOnly);
        config.setPoolName(readOnly ? "registry-db-read" : "registry-db");
        // Fail a request fast when the database is away, and let the pool start without it.
        config.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("ApplicationName", "cocoatly-registry");
        return new HikariDataSource(config);
    }

    /** Runs {@code work} on the primary, as {@code access}, in one transaction. */
    <T> T write(Access access, Work<T> work) {
        return run(primary, access, work);
    }

    /** Runs {@code work} as {@code access} in one read-only transaction, on the replica if there is one. */
    <T> T read(Access access, Work<T> work) {
        return run(replica.orElse(primary), access, work);
    }

    /** The primary's URL, for messages (the password is never shown). */
    DatabaseUrl url() {
        return url;
    }

    private <T> T run(HikariDataSource pool, Access access, Work<T> work) {
        // A pooled connection the server dropped while it sat idle (a restart, pg_terminate_backend)
        // fails the first statement, before any work: the pool evicts it and the unit of work starts
        // again on another, at most once per connection the pool may hold.
        for (int attempt = 0; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                try {
                    begin(c, access);
                } catch (SQLException e) {
                    rollbackQuietly(c, e);
                    if (DatabaseErrors.unavailable(e) && attempt < pool.getMaximumPoolSize()) {
                        continue;
                    }
                    throw e;
                }
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                throw DatabaseErrors.translate(e, url);
            }
        }
    }

    private static void begin(Connection c, Access access) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT set_config('role', ?, true), set_config('request.jwt.claims', ?, true)")) {
            s.setString(1, access.role());
            s.setString(2, access.claims());
            s.execute();
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is gone; the pool drops it, and the transaction died with it.
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        primary.close();
        replica.ifPresent(HikariDataSource::close);
    }
}
