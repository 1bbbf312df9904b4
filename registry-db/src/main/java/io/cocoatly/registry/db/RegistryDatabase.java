package io.cocoatly.registry.db;

/**
 * A registry kept in PostgreSQL: the entry point of this module (docs/registry-server.md).
 */
public final class RegistryDatabase {

    private RegistryDatabase() {
    }

    /**
     * Applies the schema's migrations to the database at {@code owner}, which must log in as the
     * role that owns (or is to own) the tables. Running it again does nothing.
     *
     * @param serverRole the login role the server will use; created without a login if missing
     * @throws io.cocoatly.model.CocoatlyException {@code schema-too-new} if the database is newer than
     *                                             this build, {@code migration-failed} otherwise
     */
    public static SchemaMigration migrate(DatabaseUrl owner, String serverRole) {
        return Migrations.migrate(owner, serverRole);
    }
}
