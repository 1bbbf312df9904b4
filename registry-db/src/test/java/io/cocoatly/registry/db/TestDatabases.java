package io.cocoatly.registry.db;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (it takes seconds to start), and a fresh, migrated database
 * in it for each caller, so test classes never see each other's rows.
 */
final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedDatabase server;

    private TestDatabases() {
    }

    /** The shared server, started on first use and stopped when the JVM exits. */
    static synchronized EmbeddedDatabase server() {
        if (server == null) {
            Path dir = Path.of("target", "embedded-pg-" + ProcessHandle.current().pid()).toAbsolutePath();
            server = EmbeddedDatabase.start(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    /** A new database, migrated, with the owner's and the server role's URLs. */
    static EmbeddedDatabase.Urls fresh() {
        return server().database("test_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid());
    }
}
