package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import java.time.Duration;

/**
 * Counts artifact downloads in memory and writes them in batches under the service role.
 * (Skeleton: the ops branch of issue 12 fills it in.)
 */
final class DownloadCounter implements AutoCloseable {

    private final Database database;

    DownloadCounter(Database database, Duration flushEvery, int eventsDays) {
        this.database = database;
    }

    /** Counts one download; returns at once. */
    void count(PackageId id, String clientAddress, String userAgent) {
    }

    /** Writes what is counted and stops the flushing. */
    @Override
    public void close() {
    }
}
