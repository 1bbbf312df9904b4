package io.cocoatly.registry.db;

import java.util.List;

/**
 * Every query the server runs on a hot path, in one place, so that {@link QueryPlans} (and its test
 * over the imported crates.io data) checks each one and a new query cannot be forgotten: a hot query
 * lives here, or it is not on a hot path.
 *
 * <p>Parameters are {@code ?}; {@link Query#sample} gives values the plan check binds (text, or a
 * number when it parses as one), so the planner sees a real lookup.
 */
final class HotQueries {

    private HotQueries() {
    }

    /**
     * A named query and sample parameters for {@code EXPLAIN}.
     *
     * @param wholeTable whether it reads every row by its nature (names.json), so a sequential scan is right
     */
    record Query(String name, String sql, List<String> sample, boolean wholeTable) {
        Query(String name, String sql, List<String> sample) {
            this(name, sql, sample, false);
        }

        Query {
            sample = List.copyOf(sample);
        }
    }

    /**
     * One package's index file in one statement (so one snapshot: the revision always belongs to the
     * rows beside it). A package without versions gives one row with NULL version columns.
     */
    static final String LISTING = """
            SELECT p.id, p.revision, p.updated_at, p.description,
                   v.id, v.version, v.yanked, v.artifact_url, v.artifact_size,
                   ARRAY(SELECT e.key FROM jsonb_each_text(v.checksums) e ORDER BY e.key),
                   ARRAY(SELECT e.value FROM jsonb_each_text(v.checksums) e ORDER BY e.key),
                   v.signature_key, v.signature, v.published_at,
                   ARRAY(SELECT d.name FROM dependencies d WHERE d.version_id = v.id ORDER BY d.name),
                   ARRAY(SELECT d.requirement FROM dependencies d WHERE d.version_id = v.id ORDER BY d.name)
            FROM packages p LEFT JOIN package_versions v ON v.package_id = p.id
            WHERE p.name = ?
            ORDER BY v.sort_key""";

    /** The revision alone: the revalidation of a cached index file while the listener is down. */
    static final String REVISION = "SELECT revision FROM packages WHERE name = ?";

    /** Every package name, for names.json. */
    static final String NAMES = "SELECT name, created_at FROM packages";

    /** registry.json as stored. */
    static final String SETTINGS = "SELECT description, name FROM registry_settings";

    /**
     * The version to show as newest, by io.cocoatly.model.NewestVersion's rule, as three backward
     * scans of the (package_id, sort_key) index that each stop at their first row:
     * <pre>
     * newest(p) = max{v | ¬yanked(v) ∧ ¬pre(v)}  ⊕  max{v | ¬yanked(v)}  ⊕  max{v}     (⊕: first defined)
     * </pre>
     * {@code %s} is the package id's expression.
     */
    static final String NEWEST_VERSION = """
            coalesce(
              (SELECT n.version FROM package_versions n WHERE n.package_id = %1$s AND NOT n.yanked AND NOT n.prerelease
                ORDER BY n.sort_key DESC LIMIT 1),
              (SELECT n.version FROM package_versions n WHERE n.package_id = %1$s AND NOT n.yanked
                ORDER BY n.sort_key DESC LIMIT 1),
              (SELECT n.version FROM package_versions n WHERE n.package_id = %1$s
                ORDER BY n.sort_key DESC LIMIT 1))""";

    /** A package's downloads: the sum of its versions' day counters. {@code %s} is the package id's expression. */
    static final String PACKAGE_DOWNLOADS = """
            (SELECT coalesce(sum(s.downloads), 0) FROM download_stats s JOIN package_versions dv ON dv.id = s.version_id
             WHERE dv.package_id = %s)""";

    /** Per-version downloads of one package, for info. */
    static final String INFO_VERSION_DOWNLOADS = """
            SELECT v.version, coalesce(sum(s.downloads), 0) FROM package_versions v
            LEFT JOIN download_stats s ON s.version_id = v.id
            WHERE v.package_id = ? GROUP BY v.id, v.version""";

    /** Owners' logins, sorted. */
    static final String OWNERS = """
            SELECT u.login FROM package_owners o JOIN users u ON u.id = o.user_id
            WHERE o.package_id = ? ORDER BY u.login""";

    /**
     * Search with pg_trgm: full text over the weighted document, or any word of it starting with the
     * query's words (so {@code b} finds {@code base}, as the directory registry's search does), or a
     * name within trigram distance ({@code %}, pg_trgm's similarity above its threshold, served by the
     * trigram index). Ranked: the exact name first, then the text rank, then the name's similarity,
     * then the name. Parameters: the query, the prefix tsquery's text, the query four times, then limit
     * and offset.
     */
    static final String SEARCH_TRIGRAM = """
            SELECT p.name, p.description, %s, %s, count(*) OVER ()
            FROM packages p
            WHERE p.search @@ websearch_to_tsquery('simple', ?) OR p.search @@ to_tsquery('simple', ?) OR p.name %% ?
            ORDER BY p.name = ? DESC, ts_rank(p.search, websearch_to_tsquery('simple', ?)) DESC,
                     similarity(p.name, ?) DESC, p.name
            LIMIT ? OFFSET ?""".formatted(NEWEST_VERSION.formatted("p.id"), PACKAGE_DOWNLOADS.formatted("p.id"));

    /**
     * Search without pg_trgm: full text, or any word of the document starting with the query's words
     * (a prefix tsquery, still served by the GIN index). A typo in a name is not found this way.
     * Parameters: the query, the prefix tsquery's text, the query twice, then limit and offset.
     */
    static final String SEARCH_PREFIX = """
            SELECT p.name, p.description, %s, %s, count(*) OVER ()
            FROM packages p
            WHERE p.search @@ websearch_to_tsquery('simple', ?) OR p.search @@ to_tsquery('simple', ?)
            ORDER BY p.name = ? DESC, ts_rank(p.search, websearch_to_tsquery('simple', ?)) DESC, p.name
            LIMIT ? OFFSET ?""".formatted(NEWEST_VERSION.formatted("p.id"), PACKAGE_DOWNLOADS.formatted("p.id"));

    /** An empty search lists every package by name. Parameters: limit, offset. */
    static final String SEARCH_ALL = """
            SELECT p.name, p.description, %s, %s, count(*) OVER ()
            FROM packages p ORDER BY p.name LIMIT ? OFFSET ?""".formatted(NEWEST_VERSION.formatted("p.id"),
            PACKAGE_DOWNLOADS.formatted("p.id"));

    /** Whether pg_trgm is installed in this database. */
    static final String TRIGRAM_INSTALLED = "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'";

    /** A token's columns, as {@code Accounts} lists and authenticates them. */
    static final String TOKEN_COLUMNS = """
            SELECT t.id, t.prefix, u.login, t.scopes, t.globs, date_trunc('second', t.created_at) AS created_at, t.expires_at,
                   t.revoked_at
            FROM api_tokens t JOIN users u ON u.id = t.user_id""";

    /** Authenticating a token by its hash, on every write. Parameter: the SHA-256 hex. */
    static final String AUTHENTICATE = TOKEN_COLUMNS + " WHERE t.sha256 = ?";

    /** The package a write is about, by name. Parameter: the name. */
    static final String PACKAGE_ID = "SELECT id FROM packages WHERE name = ?";

    /** A package whose name differs only by {@code -}/{@code _}, at a new package's publish. Parameter: the key. */
    static final String SIMILAR_NAME = "SELECT name FROM packages WHERE similarity_key = ?";

    private static final String DOWNLOADED_VERSION = "FROM package_versions v JOIN packages p ON p.id = v.package_id "
            + "WHERE p.name = ? AND v.version_core = split_part(?, '+', 1)";

    /**
     * Counting a version's downloads of one day, at every flush:
     * stats(version, day) := stats(version, day) + n, the row made on the day's first download.
     * Parameters: the day, the count, the package name, the version.
     */
    static final String DOWNLOAD_UPSERT = "INSERT INTO download_stats (version_id, day, downloads) SELECT v.id, ?, ? "
            + DOWNLOADED_VERSION + " ON CONFLICT (version_id, day) DO UPDATE SET downloads = download_stats.downloads + EXCLUDED.downloads";

    /** Appending a download's event. Parameters: the day, the time, the address, the user agent, the package name, the version. */
    static final String DOWNLOAD_EVENT = "INSERT INTO download_events (day, at, version_id, ip, user_agent) "
            + "SELECT ?, ?, v.id, ?::inet, ? " + DOWNLOADED_VERSION;

    /**
     * Every hot query with sample parameters: {@code name}, {@code version}, {@code id} and
     * {@code query} are replaced by {@link QueryPlans} with values from the database at hand.
     */
    static final List<Query> ALL = List.of(
            new Query("index file", LISTING, List.of("name")),
            new Query("revision check", REVISION, List.of("name")),
            new Query("names.json", NAMES, List.of(), true),
            new Query("registry.json", SETTINGS, List.of()),
            new Query("newest version", "SELECT " + NEWEST_VERSION.formatted("?::bigint"), List.of("id", "id", "id")),
            new Query("info downloads", INFO_VERSION_DOWNLOADS, List.of("id")),
            new Query("owners", OWNERS, List.of("id")),
            new Query("search (pg_trgm)", SEARCH_TRIGRAM, List.of("query", "query:*", "query", "query", "query", "query", "20", "0")),
            new Query("search (prefix)", SEARCH_PREFIX, List.of("query", "query:*", "query", "query", "20", "0")),
            new Query("search (all)", SEARCH_ALL, List.of("20", "0")),
            new Query("authenticate", AUTHENTICATE, List.of("0000000000000000000000000000000000000000000000000000000000000000")),
            new Query("package by name", PACKAGE_ID, List.of("name")),
            new Query("similar name", SIMILAR_NAME, List.of("name")),
            new Query("download upsert", DOWNLOAD_UPSERT, List.of("2026-12-03", "1", "name", "version")),
            new Query("download event", DOWNLOAD_EVENT, List.of("2026-12-03", "2026-12-03T10:00:00Z", "127.0.0.1", "cocoatly/1",
                    "name", "version")));
}
