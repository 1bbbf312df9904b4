package io.cocoatly.registry.db;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 15 started from the binaries on the classpath, for {@code registry serve --db
 * embedded} and for tests: no installation, no Docker, works as root. It listens on a free port of
 * 127.0.0.1 only and trusts local connections, so it is for one machine; its data stays in the
 * directory given, so a restart keeps the registry.
 *
 * <p>Each {@link #database(String)} is set up as a production database should be: owned by
 * {@value #OWNER_ROLE}, migrated as that role, and served through the login role
 * {@value #SERVER_ROLE}, which owns nothing.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The role that owns the registry's tables and runs the migrations. */
    public static final String OWNER_ROLE = "registry_owner";
    /** The role the server logs in as (Supabase's name for it). */
    public static final String SERVER_ROLE = "authenticator";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** The owner's and the server's URLs of one database. */
    public record Urls(DatabaseUrl owner, DatabaseUrl server) {
    }

    /**
     * A PostgreSQL that another process runs on a data directory, as {@code registry serve --db
     * embedded} does while it serves.
     *
     * @param pid  its postmaster's process id
     * @param port the port it listens on, on 127.0.0.1
     */
    public record Running(long pid, int port) {

        /** The URL of database {@code name} for {@value #SERVER_ROLE}, as {@link Urls#server()} gives it. */
        public DatabaseUrl server(String name) {
            return new DatabaseUrl("127.0.0.1", port, name, SERVER_ROLE, Optional.empty(), Optional.empty());
        }
    }

    /**
     * The PostgreSQL running on {@code dataDir}, if one is up and accepting connections: read from the
     * {@code postmaster.pid} that PostgreSQL itself keeps there (its process id on the first line, its
     * port on the fourth, its status on the eighth), whose process must be alive. A file left by a
     * crash names a dead process, or one that is not ready, and counts as none.
     */
    public static Optional<Running> running(Path dataDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.size() < 8 || !lines.get(7).trim().equals("ready")) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(new Running(pid, port)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts PostgreSQL on the data in {@code dataDir} (initialised there on first use).
     *
     * @throws CocoatlyException {@code database-start-failed} if it does not start
     */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            return new EmbeddedDatabase(postgres);
        } catch (IOException | RuntimeException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "database-start-failed", "cannot start the embedded PostgreSQL in `"
                    + dataDir + "`: " + e.getMessage(), List.of("check that the directory is writable and not used by another server"), e);
        }
    }

    /**
     * The database {@code name}, created (owned by {@value #OWNER_ROLE}) and migrated if it is new,
     * with {@value #SERVER_ROLE} allowed to log in.
     */
    public Urls database(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", OWNER_ROLE)) {
                s.execute("CREATE ROLE " + OWNER_ROLE + " LOGIN CREATEROLE");
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                s.execute("CREATE DATABASE " + name + " OWNER " + OWNER_ROLE);
            }
        } catch (SQLException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "database-start-failed", "cannot create database `" + name
                    + "` in the embedded PostgreSQL: " + e.getMessage(), List.of(), e);
        }
        DatabaseUrl owner = new DatabaseUrl("127.0.0.1", postgres.getPort(), name, OWNER_ROLE, Optional.empty(), Optional.empty());
        Migrations.migrate(owner, SERVER_ROLE);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // The migration made the role without a login; local connections are trusted, so no password.
            s.execute("ALTER ROLE " + SERVER_ROLE + " LOGIN");
        } catch (SQLException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "database-start-failed", "cannot let `" + SERVER_ROLE
                    + "` log in: " + e.getMessage(), List.of(), e);
        }
        return new Urls(owner, owner.as(SERVER_ROLE, Optional.empty()));
    }

    /** A superuser's URL of database {@code name}, for tests and tools that must see past row-level security. */
    public DatabaseUrl superuser(String name) {
        return new DatabaseUrl("127.0.0.1", postgres.getPort(), name, "postgres", Optional.empty(), Optional.empty());
    }

    /**
     * Runs {@code VACUUM ANALYZE} on database {@code name} as the superuser, as autovacuum would after
     * a large import, so that query plans (see {@link RegistryDatabase#sequentialScans}) follow the
     * data. VACUUM matters as much as ANALYZE there: until it runs, the rows of a bulk import wait in
     * the GIN indexes' pending lists, which makes the search indexes look so expensive to the planner
     * that it scans the table instead.
     */
    public void vacuumAnalyze(String name) {
        DatabaseUrl url = superuser(name);
        try (Connection c = java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user(), null); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        } catch (SQLException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "database-analyze-failed", "cannot analyze database `" + name + "`: "
                    + e.getMessage(), List.of(), e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return postgres.getPort();
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, value);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Stops PostgreSQL; the data stays. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "database-stop-failed", "the embedded PostgreSQL did not stop cleanly: "
                    + e.getMessage(), List.of(), e);
        }
    }
}
