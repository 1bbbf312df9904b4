package io.cocoatly.registry.db;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads one package's releases from the database as the index file shows them: the one place that
 * turns {@code package_versions} (+ dependencies, checksums, signature) back into {@link Release}s,
 * used by the index files, package information and export alike.
 */
final class Listings {

    private Listings() {
    }

    /**
     * A package as stored.
     *
     * @param id          its row id
     * @param revision    bumped by every change to its versions
     * @param updatedAt   when the revision last changed
     * @param description its description, if any
     * @param listing     every release
     * @param published   when each release was published, by version text
     */
    record Stored(long id, long revision, Instant updatedAt, Optional<String> description, PackageListing listing,
                  Map<String, Instant> published) {
    }

    /** The package {@code name}, or empty if the database has none (one statement, so one snapshot). */
    static Optional<Stored> load(Connection c, PackageName name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HotQueries.LISTING)) {
            s.setString(1, name.value());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long id = r.getLong(1);
                long revision = r.getLong(2);
                Instant updatedAt = r.getTimestamp(3).toInstant();
                Optional<String> description = Optional.ofNullable(r.getString(4));
                List<Release> releases = new ArrayList<>();
                Map<String, Instant> published = new TreeMap<>();
                do {
                    if (r.getObject(5) != null) {
                        Release release = release(name, r);
                        releases.add(release);
                        Timestamp at = r.getTimestamp(14);
                        published.put(release.version().toString(), at.toInstant());
                    }
                } while (r.next());
                return Optional.of(new Stored(id, revision, updatedAt, description, new PackageListing(name, releases), published));
            }
        }
    }

    /** The owners' logins of package {@code packageId}, sorted: the one owners query. */
    static List<String> owners(Connection c, long packageId) throws SQLException {
        List<String> owners = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(HotQueries.OWNERS)) {
            s.setLong(1, packageId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    owners.add(r.getString(1));
                }
            }
        }
        return owners;
    }

    private static Release release(PackageName name, ResultSet r) throws SQLException {
        PackageId id = new PackageId(name, Version.parse(r.getString(6)));
        boolean yanked = r.getBoolean(7);
        String url = r.getString(8);
        Optional<Artifact> artifact = Optional.empty();
        if (url != null) {
            String[] keys = strings(r.getArray(10));
            String[] values = strings(r.getArray(11));
            Map<String, String> checksums = new TreeMap<>();
            for (int i = 0; i < keys.length; i++) {
                checksums.put(keys[i], values[i]);
            }
            String key = r.getString(12);
            Optional<Artifact.Signature> signature = key == null ? Optional.empty()
                    : Optional.of(new Artifact.Signature(key, r.getString(13)));
            artifact = Optional.of(new Artifact(url, r.getLong(9), checksums, signature));
        }
        String[] dependencyNames = strings(r.getArray(15));
        String[] requirements = strings(r.getArray(16));
        List<Dependency> dependencies = new ArrayList<>(dependencyNames.length);
        for (int i = 0; i < dependencyNames.length; i++) {
            // Stored only after it parsed at publish or import, so it parses again.
            dependencies.add(Dependency.parse(dependencyNames[i], requirements[i]));
        }
        return new Release(id, dependencies, yanked, artifact);
    }

    private static String[] strings(Array array) throws SQLException {
        if (array == null) {
            return new String[0];
        }
        try {
            return (String[]) array.getArray();
        } finally {
            array.free();
        }
    }
}
