package io.cocoatly.registry.db;

import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.PackageInfo;
import io.cocoatly.registry.server.Refusals;
import io.cocoatly.registry.server.SearchPage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Package information and search over the database, answering as {@code DirectoryBackend} does for
 * the same packages (statuses, codes, details), plus what only a database knows: downloads, and
 * search over descriptions and keywords.
 *
 * <p><b>Search</b> is PostgreSQL's full-text search over {@code packages.search} (the weighted
 * document of {@code package_search_document}: name A, description and keywords B), ranked with
 * {@code ts_rank}, the exact name first. Where the database has pg_trgm (checked once per database,
 * on the first search), a name within trigram similarity of the query matches too, so a typo still
 * finds the package. Either way, any word of the document that starts with a word of the query
 * matches (a prefix tsquery, still served by the GIN index). <b>Fallback</b> without pg_trgm: a typo is then not
 * found, but a partial name is.
 */
final class PackageQueries {

    /** Whether each database has pg_trgm, asked once. */
    static final Map<Database, Boolean> TRIGRAMS = Collections.synchronizedMap(new WeakHashMap<>());

    private PackageQueries() {
    }

    /**
     * {@code GET /api/v1/packages/{name}}: versions newest first with when they were published and
     * their downloads, owners sorted, total downloads.
     *
     * @throws ApiException 404 {@code package-not-found}, as DirectoryBackend
     */
    static PackageInfo info(Database database, PackageName name) {
        return database.read(Access.ANONYMOUS, c -> {
            Listings.Stored stored = Listings.load(c, name).orElseThrow(() -> Refusals.noPackage(name));
            Map<String, Long> downloads = versionDownloads(c, stored.id());
            long total = downloads.values().stream().mapToLong(Long::longValue).sum();
            List<PackageInfo.VersionInfo> versions = new ArrayList<>();
            List<Release> releases = new ArrayList<>(stored.listing().releases());
            Collections.reverse(releases);
            for (Release r : releases) {
                String v = r.version().toString();
                versions.add(new PackageInfo.VersionInfo(r, Optional.ofNullable(stored.published().get(v)),
                        Optional.of(downloads.getOrDefault(v, 0L))));
            }
            return new PackageInfo(name.value(), ReleaseRows.metadata(c, stored.id(), stored.description()),
                    Listings.owners(c, stored.id()), Optional.of(total), versions);
        });
    }

    /** {@code GET /api/v1/packages?q=}: one page of matches, ranked as the class says. */
    static SearchPage search(Database database, String query, int page, int perPage) {
        String q = query.trim().toLowerCase(Locale.ROOT);
        boolean trigrams = q.isEmpty() || TRIGRAMS.computeIfAbsent(database, PackageQueries::hasTrigrams);
        long offset = (long) (page - 1) * perPage;
        SearchPage found = database.read(Access.ANONYMOUS, c -> {
            try (PreparedStatement s = prepare(c, q, trigrams, perPage, offset); ResultSet r = s.executeQuery()) {
                List<SearchPage.Hit> hits = new ArrayList<>();
                int total = 0;
                while (r.next()) {
                    total = r.getInt(5);
                    String newest = r.getString(3);
                    if (newest != null) {
                        hits.add(new SearchPage.Hit(r.getString(1), newest, Optional.ofNullable(r.getString(2)),
                                Optional.of(r.getLong(4))));
                    }
                }
                return new SearchPage(hits, total);
            }
        });
        // A page past the end has no row to carry the window's count: the first page's says it.
        return found.hits().isEmpty() && offset > 0 ? new SearchPage(List.of(), search(database, query, 1, 1).total()) : found;
    }

    private static PreparedStatement prepare(Connection c, String q, boolean trigrams, int perPage, long offset) throws SQLException {
        PreparedStatement s;
        int next = 1;
        if (q.isEmpty()) {
            s = c.prepareStatement(HotQueries.SEARCH_ALL);
        } else if (trigrams) {
            s = c.prepareStatement(HotQueries.SEARCH_TRIGRAM);
            for (String value : List.of(q, prefixQuery(q), q, q, q, q)) {
                s.setString(next++, value);
            }
        } else {
            s = c.prepareStatement(HotQueries.SEARCH_PREFIX);
            for (String value : List.of(q, prefixQuery(q), q, q)) {
                s.setString(next++, value);
            }
        }
        s.setInt(next++, perPage);
        s.setLong(next, offset);
        return s;
    }

    /** The prefix tsquery: every word of the query as a prefix, all required. */
    static String prefixQuery(String q) {
        List<String> words = new ArrayList<>();
        for (String word : q.split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                words.add(word + ":*");
            }
        }
        return String.join(" & ", words);
    }

    /** Whether {@code database} has pg_trgm, so that the trigram search can run there. */
    static boolean hasTrigrams(Database database) {
        return database.read(Access.ANONYMOUS, c -> {
            try (PreparedStatement s = c.prepareStatement(HotQueries.TRIGRAM_INSTALLED); ResultSet r = s.executeQuery()) {
                return r.next();
            }
        });
    }

    private static Map<String, Long> versionDownloads(Connection c, long packageId) throws SQLException {
        Map<String, Long> downloads = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(HotQueries.INFO_VERSION_DOWNLOADS)) {
            s.setLong(1, packageId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    downloads.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return downloads;
    }

}
