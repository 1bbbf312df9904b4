package io.cocoatly.registry.db;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.registry.server.RegistryBackend;
import io.cocoatly.registry.server.RegistryFiles;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

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
    private final ArtifactStore artifacts;

    private RegistryDatabase(Database database, PostgresBackend backend, PostgresFiles files, DownloadCounter downloads,
                             ArtifactStore artifacts) {
        this.database = database;
        this.artifacts = artifacts;
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
     * Opens the registry in the database of {@code settings}, with artifacts in {@code artifacts} (closed with it).
     * Starts the download counter's flushing and the listener that keeps every server's rendered
     * index files current.
     */
    public static RegistryDatabase open(DatabaseSettings settings, ArtifactStore artifacts) {
        Database database = Database.open(settings.primary(), settings.readReplica(), settings.maxConnections());
        DownloadCounter downloads = new DownloadCounter(database, settings.downloadFlush(), settings.downloadEventsDays());
        return new RegistryDatabase(database, new PostgresBackend(database, artifacts),
                new PostgresFiles(database, artifacts, downloads), downloads, artifacts);
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
     * Gives a new registry its {@code registry.json} (format 1, {@code name}), as {@code registry init}
     * gives a directory one; a registry that has one keeps it. Runs as the service role.
     *
     * @return whether the description was written now
     */
    public boolean describeIfNew(String name) {
        byte[] description = io.cocoatly.registry.CanonicalFiles.registry(name);
        return database.write(Access.SERVICE, c -> {
            try (java.sql.PreparedStatement s = c.prepareStatement(
                    "INSERT INTO registry_settings (name, description) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
                s.setString(1, name);
                s.setString(2, new String(description, java.nio.charset.StandardCharsets.UTF_8));
                return s.executeUpdate() == 1;
            }
        });
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

    /**
     * Loads the registry directory {@code dir} into this (empty) database, as the service role, in one
     * transaction, holding the directory's lock meanwhile (so {@code dir} must be writable): every index file read strictly, every artifact in the directory checked (size,
     * every digest, the signature against the keys of the directory's users and {@code keys}) and put
     * into the artifact store first, then all rows. Owners, descriptions, publication times, users and
     * their keys come from {@code .cocoatly-server} when it is there; tokens are never imported. An
     * index entry whose artifact is elsewhere (an absolute URL) or that has none is imported as it is.
     * A failed import leaves archives in the store that no version names (never served).
     *
     * @throws io.cocoatly.model.CocoatlyException {@code import-refused} naming the file and the
     *     problem, {@code import-target-not-empty}, or the registry module's errors for a malformed file
     */
    public ImportSummary importDirectory(Path dir, Collection<Ed25519PublicKey> keys) {
        ImportedRegistry registry = ImportedRegistry.read(dir, keys);
        registry.artifacts().forEach(artifacts::put);
        return database.write(Access.SERVICE, c -> BulkLoad.load(c, registry));
    }

    /**
     * Writes this registry into the registry directory {@code dir} (new or empty): the same bytes a
     * directory registry with these packages has, artifacts copied from the store, and the server's
     * state where the database has users. A directory imported and exported again is byte-identical
     * (its {@code .cocoatly-server} aside: tokens are not exported, and publication times are then
     * known for every version).
     *
     * @throws io.cocoatly.model.CocoatlyException {@code export-target-not-empty}, {@code registry-not-found},
     *     {@code artifact-missing}, {@code registry-unwritable}
     */
    public ExportSummary exportDirectory(Path dir) {
        return RegistryExport.run(database, artifacts, dir);
    }

    /**
     * The sequential scans of tables over {@code minRows} rows in the plans of the queries the server
     * runs on its hot paths, each described in a sentence; empty when indexes serve them all. The
     * plans follow the statistics: after a large import, run {@code VACUUM ANALYZE} as the owner first
     * (autovacuum does, in time).
     */
    public List<String> sequentialScans(long minRows) {
        return database.write(Access.SERVICE, c -> QueryPlans.sequentialScans(c, minRows)).stream()
                .map(QueryPlans.Finding::toString).toList();
    }

    /** Writes the downloads counted so far, stops listening, closes the pools, and closes the artifact store (it is this registry's from {@link #open} on). */
    @Override
    public void close() {
        try {
            downloads.close();
            files.close();
            database.close();
        } finally {
            artifacts.close();
        }
    }
}
