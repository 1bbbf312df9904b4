package io.cocoatly.cli;

import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.db.ArtifactStore;
import io.cocoatly.registry.db.ArtifactStores;
import io.cocoatly.registry.db.DatabaseSettings;
import io.cocoatly.registry.db.DatabaseUrl;
import io.cocoatly.registry.db.EmbeddedDatabase;
import io.cocoatly.registry.db.RegistryDatabase;
import io.cocoatly.registry.server.DirectoryBackend;
import io.cocoatly.registry.server.RegistryBackend;
import java.util.List;
import java.util.Optional;

/**
 * The one place that turns where a served registry lives into its backend: a registry directory
 * ({@code --registry DIR}, or {@code registry serve DIR}) or a PostgreSQL database ({@code --db URL}
 * or {@code --db embedded}), for {@code registry serve} and the admin commands alike.
 */
final class RegistryBackends {

    /** The embedded PostgreSQL's database. */
    static final String EMBEDDED_DATABASE = "registry";

    private RegistryBackends() {
    }

    /**
     * The backend of an admin command: {@code --registry DIR} or {@code --db URL|embedded}, exactly
     * one. A database opened here is closed at the end of the run.
     *
     * @throws CocoatlyException {@code usage} if neither or both are given, {@code invalid-database-url} for a bad URL
     */
    static RegistryBackend open(Context context, String command, String registry, String db) {
        if ((registry == null) == (db == null)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", registry == null
                    ? "no registry given: use `--registry DIR` or `--db URL`"
                    : "`--registry` and `--db` name two registries: use one",
                    List.of("run `" + command + " --help`"));
        }
        if (registry != null) {
            return new DirectoryBackend(context.path(registry));
        }
        DatabaseRegistry opened = openDatabase(context, command, db, Optional.empty(), Optional.empty(), true);
        RunResources.closeAtEnd(context, opened);
        return opened.backend();
    }

    /**
     * Opens the registry in the database {@code db} names, reading from {@code dbRead} if given, with
     * artifacts in {@code artifacts} (default {@code file:<home>/registry-artifacts/}), keeping
     * {@code registry.download_events_days} of download events. For
     * {@code embedded}, starts PostgreSQL under {@code <home>/registry-db/} and migrates its
     * {@code registry} database first; when a server already runs that PostgreSQL, an admin command
     * ({@code shareRunning}) uses it, and a second server is refused. Connecting to a database by URL
     * is lazy: one that is down now makes requests fail with 503 until it is back.
     *
     * @param shareRunning for the admin commands: use the embedded PostgreSQL a server runs, if one does
     * @throws CocoatlyException {@code invalid-database-url}, {@code usage} for {@code --db-read} with
     *                           {@code embedded}, {@code database-in-use} for a second server on it,
     *                           {@code database-start-failed} if the embedded one does not start
     */
    static DatabaseRegistry openDatabase(Context context, String command, String db, Optional<String> dbRead,
                                         Optional<String> artifacts, boolean shareRunning) {
        DatabaseTarget target = DatabaseTarget.parse("--db", db);
        CommandSettings settings = CommandSettings.load(context, command, context.path("cocoatly.json"), null);
        Home home = settings.home();
        Optional<DatabaseUrl> replica = dbRead.map(r -> {
            DatabaseTarget read = DatabaseTarget.parse("--db-read", r);
            if (target instanceof DatabaseTarget.Url && read instanceof DatabaseTarget.Url url) {
                return url.url();
            }
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--db-read` is a replica of `--db URL`: the embedded"
                    + " database has none", List.of("leave `--db-read` out"));
        });
        if (artifacts.isEmpty() || target instanceof DatabaseTarget.Embedded) {
            home.create(); // what follows writes in the home, which must be Cocoatly's
        }
        ArtifactStore store = ArtifactStores.parse(artifacts.orElse(home.registryArtifactsDir().toUri().toString()),
                context.env());
        int eventsDays = settings.config().registry().downloadEventsDays();
        if (target instanceof DatabaseTarget.Url url) {
            return new DatabaseRegistry(RegistryDatabase.open(settings(url.url(), replica, eventsDays), store), url.url(),
                    Optional.empty());
        }
        Optional<EmbeddedDatabase.Running> running = EmbeddedDatabase.running(home.registryDatabaseDir());
        if (running.isPresent() && shareRunning) {
            // One PostgreSQL owns a data directory: an admin command reaches the one a server runs.
            DatabaseUrl server = running.get().server(EMBEDDED_DATABASE);
            return new DatabaseRegistry(RegistryDatabase.open(settings(server, Optional.empty(), eventsDays), store), server,
                    Optional.empty());
        }
        if (running.isPresent()) {
            throw new CocoatlyException(ErrorKind.FAILED, "database-in-use", "the embedded PostgreSQL of `" + home.root()
                    + "` is already running (process " + running.get().pid() + "), for another `cocoatly registry serve`",
                    List.of("stop that server first, or serve its database from here too with `--db "
                            + running.get().server(EMBEDDED_DATABASE) + "`"));
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(home.registryDatabaseDir());
        try {
            DatabaseUrl server = embedded.database(EMBEDDED_DATABASE).server();
            return new DatabaseRegistry(RegistryDatabase.open(settings(server, Optional.empty(), eventsDays), store), server,
                    Optional.of(embedded));
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    private static DatabaseSettings settings(DatabaseUrl primary, Optional<DatabaseUrl> replica, int eventsDays) {
        DatabaseSettings defaults = DatabaseSettings.of(primary);
        return new DatabaseSettings(primary, replica, defaults.maxConnections(), defaults.downloadFlush(), eventsDays);
    }
}
