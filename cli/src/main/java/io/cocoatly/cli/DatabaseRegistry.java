package io.cocoatly.cli;

import io.cocoatly.registry.db.DatabaseUrl;
import io.cocoatly.registry.db.EmbeddedDatabase;
import io.cocoatly.registry.db.RegistryDatabase;
import io.cocoatly.registry.server.RegistryBackend;
import io.cocoatly.registry.server.RegistryFiles;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry in PostgreSQL as one run of the cli opened it, and what it started for it.
 *
 * @param registry the registry's backend and files
 * @param server   the URL the server's pool logs in with (for messages: it never shows a password)
 * @param embedded the embedded PostgreSQL this run started, if {@code --db embedded}
 */
record DatabaseRegistry(RegistryDatabase registry, DatabaseUrl server, Optional<EmbeddedDatabase> embedded)
        implements AutoCloseable {

    /** Checks the fields are present. */
    DatabaseRegistry {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(embedded, "embedded");
    }

    /** The write API's backend. */
    RegistryBackend backend() {
        return registry.backend();
    }

    /** The read protocol's files. */
    RegistryFiles files() {
        return registry.files();
    }

    /** Flushes the download counts and closes the pools, then stops the embedded PostgreSQL if this run started it. */
    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            embedded.ifPresent(EmbeddedDatabase::close);
        }
    }
}
