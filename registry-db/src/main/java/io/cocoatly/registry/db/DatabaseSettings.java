package io.cocoatly.registry.db;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a server uses its database.
 *
 * @param primary            the server's login role on the primary (never the owner role)
 * @param readReplica        a read-only replica for reads (index files, search, info), if any
 * @param maxConnections     the pool size per database
 * @param downloadFlush      how often counted downloads are written (batched in memory in between)
 * @param downloadEventsDays how many days of download events (IP address, user agent) are kept
 */
public record DatabaseSettings(DatabaseUrl primary, Optional<DatabaseUrl> readReplica, int maxConnections,
                               Duration downloadFlush, int downloadEventsDays) {

    /** Checks the ranges. */
    public DatabaseSettings {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(readReplica, "readReplica");
        Objects.requireNonNull(downloadFlush, "downloadFlush");
        if (maxConnections < 1 || downloadFlush.isNegative() || downloadFlush.isZero() || downloadEventsDays < 1) {
            throw new IllegalArgumentException("maxConnections, downloadFlush and downloadEventsDays must be positive");
        }
    }

    /** {@code primary} with the defaults: no replica, 16 connections, a flush every 5 s, 90 days of events. */
    public static DatabaseSettings of(DatabaseUrl primary) {
        return new DatabaseSettings(primary, Optional.empty(), 16, Duration.ofSeconds(5), 90);
    }
}
