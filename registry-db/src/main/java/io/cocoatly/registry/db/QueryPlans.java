package io.cocoatly.registry.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every {@link HotQueries hot query} is served by indexes on the database at hand:
 * {@code EXPLAIN (FORMAT JSON)} of each, with sample parameters taken from the data (the package with
 * the most versions), and a finding for each sequential scan of a table the statistics say holds more
 * than a few rows. Queries that read a whole table by nature (names.json) are exempt.
 *
 * <p>The plans follow the statistics: run {@code VACUUM ANALYZE} as the tables' owner first (the
 * service role may not), as autovacuum would after a large import; until VACUUM, a bulk import's rows
 * wait in the GIN pending lists and the planner shuns the search indexes.
 */
final class QueryPlans {

    // In PostgreSQL's JSON plans a node's "Relation Name" follows its "Node Type" within the same object.
    private static final Pattern SEQ_SCAN = Pattern.compile("\"Node Type\": \"Seq Scan\",[^{}]*?\"Relation Name\": \"([^\"]+)\"");

    private QueryPlans() {
    }

    /** One sequential scan where an index should serve. */
    record Finding(String query, String table, long rows) {
        @Override
        public String toString() {
            return "query `" + query + "`: sequential scan of `" + table + "` (" + rows + " rows)";
        }
    }

    /** The sequential scans of tables over {@code minRows} rows in the plans of the hot queries. */
    static List<Finding> sequentialScans(Connection c, long minRows) throws SQLException {
        Map<String, String> sample = sample(c);
        List<Finding> findings = new ArrayList<>();
        for (HotQueries.Query query : HotQueries.ALL) {
            if (query.wholeTable()) {
                continue;
            }
            // pg_trgm's % operator is in the trigram search alone; without the extension it cannot be planned.
            if (query.sql().contains("%") && !trigramsInstalled(c)) {
                continue;
            }
            String plan = explain(c, query, sample);
            Matcher m = SEQ_SCAN.matcher(plan);
            while (m.find()) {
                long rows = rows(c, m.group(1));
                if (rows > minRows) {
                    findings.add(new Finding(query.name(), m.group(1), rows));
                }
            }
        }
        return findings;
    }

    private static String explain(Connection c, HotQueries.Query query, Map<String, String> sample) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("EXPLAIN (FORMAT JSON) " + query.sql())) {
            for (int i = 0; i < query.sample().size(); i++) {
                String value = query.sample().get(i);
                // Unknown type: the server infers each parameter's type from where it stands.
                s.setObject(i + 1, sample.getOrDefault(value, value), Types.OTHER);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static Map<String, String> sample(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT p.id, p.name, v.id, v.version FROM packages p
                JOIN package_versions v ON v.package_id = p.id
                WHERE p.id = (SELECT package_id FROM package_versions GROUP BY package_id ORDER BY count(*) DESC LIMIT 1)
                ORDER BY v.sort_key DESC LIMIT 1""");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Map.of("id", "1", "name", "none", "versionid", "1", "version", "1.0.0", "query", "none", "query:*", "none:*");
            }
            return Map.of("id", Long.toString(r.getLong(1)), "name", r.getString(2), "versionid", Long.toString(r.getLong(3)),
                    "version", r.getString(4), "query", r.getString(2), "query:*", PackageQueries.prefixQuery(r.getString(2)));
        }
    }

    private static boolean trigramsInstalled(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HotQueries.TRIGRAM_INSTALLED); ResultSet r = s.executeQuery()) {
            return r.next();
        }
    }

    private static long rows(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE relname = ?")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                long estimate = r.next() ? r.getLong(1) : 0;
                if (estimate >= 0) {
                    return estimate;
                }
            }
        }
        // Never analyzed (-1): count, rather than take an unknown size for a small one.
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table.replaceAll("[^a-z0-9_]", ""));
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
