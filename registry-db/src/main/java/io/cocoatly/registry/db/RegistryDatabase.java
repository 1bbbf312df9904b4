package io.cocoatly.registry.db;

import io.cocoatly.registry.server.RegistryBackend;
import io.cocoatly.registry.server.RegistryFiles;

/**
 * A registry kept in PostgreSQL: the entry point of this module (docs/registry-server.md).
 *
 * <pre>{@code
 * RegistryDatabase.migrate(ownerUrl, "authenticator");
 * try (RegistryDatabase db = RegistryDatabase.open(DatabaseSettings.of(serverUrl), store)) {
 *     RegistryServer.start(db.files(), db.backend(), ServerOptions.defaults(), AccessLog.NONE);
 * }
 * }</pre>
 */
public final class RegistryDatabase implements AutoCloseable {

    private final Database database;
    private final PostgresBackend backend;
    private final PostgresFiles files;
    private final DownloadCounter downloads;

    private RegistryDatabase(Database database, PostgresBackend backend, PostgresFiles files, DownloadCounter downloads) {
        this.database = database;
        this.backend = backend;
        this.files = files;
        this.downloads = downloads;
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

    /**
     * Opens the registry in the database of {@code settings}, with artifacts in {@code artifacts}.
     * Starts the download counter's flushing and the listener that keeps every server's rendered
     * index files current.
     */
    public static RegistryDatabase open(DatabaseSettings settings, ArtifactStore artifacts) {
        Database database = Database.open(settings.primary(), settings.readReplica(), settings.maxConnections());
        DownloadCounter downloads = new DownloadCounter(database, settings.downloadFlush(), settings.downloadEventsDays());
        return new RegistryDatabase(database, new PostgresBackend(database, artifacts),
                new PostgresFiles(database, artifacts, downloads), downloads);
    }

    /** The write API's backend. */
    public RegistryBackend backend() {
        return backend;
    }

    /** The read protocol's files. */
    public RegistryFiles files() {
        return files;
    }

    /**
     * Whether the database answers now, as the server's login role: a server that starts while it is
     * away says so once and answers {@code 503} until it is back (the pools connect lazily).
     */
    public boolean reachable() {
        try {
            return database.read(Access.ANONYMOUS, c -> c.isValid(2));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Writes the downloads counted so far, stops listening, and closes the pools. */
    @Override
    public void close() {
        downloads.close();
        files.close();
        database.close();
    }
}
