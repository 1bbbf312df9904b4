package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrations run unchanged on a database shaped as Supabase's: its roles already there
 * ({@code service_role} with BYPASSRLS, {@code authenticator} logging in), its own {@code auth}
 * schema and {@code auth.uid()} owned by another role, and the migrating role {@code postgres}-like
 * but not a superuser. A cluster of its own, since roles are cluster-wide and the other tests must
 * see the roles as this project's migration makes them.
 */
class SupabaseShapeTest {

    @TempDir
    Path dir;

    @Test
    void migrationsRunUnchangedOnSupabasesShape() throws SQLException {
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"))) {
            DatabaseUrl root = pg.superuser("postgres");
            try (Connection c = connect(root); Statement s = c.createStatement()) {
                // What Supabase creates before any project migration runs (supabase/postgres, roles.sql and auth schema).
                s.execute("CREATE ROLE anon NOLOGIN NOINHERIT");
                s.execute("CREATE ROLE authenticated NOLOGIN NOINHERIT");
                s.execute("CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS");
                s.execute("CREATE ROLE authenticator LOGIN NOINHERIT");
                s.execute("GRANT anon, authenticated, service_role TO authenticator");
                s.execute("CREATE ROLE supabase_auth_admin NOLOGIN");
                s.execute("CREATE ROLE project_owner LOGIN CREATEROLE");
                s.execute("CREATE DATABASE project OWNER project_owner");
            }
            try (Connection c = connect(pg.superuser("project")); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA auth AUTHORIZATION supabase_auth_admin");
                s.execute("CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT coalesce("
                        + "nullif(current_setting('request.jwt.claim.sub', true), ''),"
                        + "(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid $$");
                s.execute("ALTER FUNCTION auth.uid() OWNER TO supabase_auth_admin");
                s.execute("GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role");
                // Supabase's postgres role writes policies with auth.uid(), so it may use the schema.
                s.execute("GRANT USAGE ON SCHEMA auth TO project_owner");
            }
            DatabaseUrl owner = new DatabaseUrl("127.0.0.1", pg.port(), "project", "project_owner", Optional.empty(), Optional.empty());

            SchemaMigration first = RegistryDatabase.migrate(owner, "authenticator");
            SchemaMigration second = RegistryDatabase.migrate(owner, "authenticator");

            assertEquals(1, first.applied());
            assertEquals(0, second.applied());
            try (Connection c = connect(pg.superuser("project")); Statement s = c.createStatement()) {
                // Supabase's auth.uid() was kept, not replaced.
                assertEquals("supabase_auth_admin", one(s, "SELECT pg_get_userbyid(p.proowner) FROM pg_proc p "
                        + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'auth' AND p.proname = 'uid'"));
                // Every table has row-level security enabled and forced.
                assertEquals("0", one(s, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'flyway_schema_history' "
                        + "AND NOT (c.relrowsecurity AND c.relforcerowsecurity)"));
            }
            // The login role reads as anon through Supabase's own auth.uid(), and cannot write.
            try (Connection c = connect(owner.as("authenticator", Optional.empty()))) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT set_config('role', 'anon', true), set_config('request.jwt.claims', '{\"role\":\"anon\"}', true)");
                    assertEquals("0", one(s, "SELECT count(*) FROM packages"));
                    assertFalse(s.execute("SELECT 1 WHERE auth.uid() IS NOT NULL") && hasRow(s));
                    SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                            () -> s.execute("INSERT INTO packages (name) VALUES ('squat')"));
                    assertEquals(DatabaseErrors.INSUFFICIENT_PRIVILEGE, refused.getSQLState());
                }
                c.rollback();
            }
            assertTrue(first.after().equals("1"));
        }
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password().orElse(null));
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static boolean hasRow(Statement s) throws SQLException {
        try (ResultSet r = s.getResultSet()) {
            return r.next();
        }
    }
}
