package io.cocoatly.registry.db;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The statements that write download statistics, run by {@link DownloadCounter} inside a
 * transaction under the service role (never {@code anon}: it has no grant on these tables).
 *
 * <p>Each statement finds the version by name and version in the same statement, so a batch is one
 * round trip per statement kind and a download of a version the registry does not have (deleted,
 * never published) simply matches no row:
 * {@code version_id(n, v) = v'.id where v'.package_id = p.id ∧ p.name = n ∧ v'.version_core = core(v)}
 * ({@code version_core} is unique per package, so at most one row).
 */
final class DownloadWrites {

    private DownloadWrites() {
    }

    /** Makes the day partitions of {@code download_events} for {@code days} if they are missing. */
    static void ensurePartitions(Connection c, Collection<LocalDate> days) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ensure_download_partition(?)")) {
            for (LocalDate day : days) {
                s.setDate(1, Date.valueOf(day));
                s.execute();
            }
        }
    }

    /** Adds {@code counts} to {@code download_stats}. */
    static void addCounts(Connection c, Map<VersionDay, Long> counts) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(HotQueries.DOWNLOAD_UPSERT)) {
            for (Map.Entry<VersionDay, Long> e : counts.entrySet()) {
                s.setDate(1, Date.valueOf(e.getKey().day()));
                s.setLong(2, e.getValue());
                s.setString(3, e.getKey().id().name().value());
                s.setString(4, e.getKey().id().version().toString());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Appends {@code events} to {@code download_events}; their day partitions must exist. */
    static void appendEvents(Connection c, List<DownloadEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(HotQueries.DOWNLOAD_EVENT)) {
            for (DownloadEvent e : events) {
                s.setDate(1, Date.valueOf(e.day()));
                s.setTimestamp(2, Timestamp.from(e.at()));
                if (e.ip().isPresent()) {
                    s.setString(3, e.ip().get());
                } else {
                    s.setNull(3, Types.VARCHAR);
                }
                s.setString(4, e.userAgent());
                s.setString(5, e.id().name().value());
                s.setString(6, e.id().version().toString());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Drops the event partitions of days before {@code day}; returns how many. */
    static int dropPartitionsBefore(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT drop_download_partitions_before(?)")) {
            s.setDate(1, Date.valueOf(day));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
