package io.cocoatly.registry.db;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A release as rows: one {@code package_versions} row and its {@code dependencies}, and the
 * package row's description and search vector. The one place that writes them, for publishing and
 * for importing a directory registry alike; it runs on the caller's connection and transaction, so
 * row-level security sees whoever that transaction acts for.
 */
final class ReleaseRows {

    private ReleaseRows() {
    }

    /**
     * Inserts {@code release} as a version of the package {@code packageId}, with its dependencies.
     * Usable in a batch: it only adds rows, on {@code c}'s transaction.
     *
     * @param publishedBy the publishing user (required by the policy when acting as a publisher)
     * @return the new version's id
     * @throws SQLException {@code 23505} if the version exists whatever its build metadata, {@code 42501} if refused
     */
    static long insert(Connection c, long packageId, Release release, Optional<UUID> publishedBy, ManifestMetadata metadata)
            throws SQLException {
        long versionId;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO package_versions (package_id, version, sort_key, prerelease, yanked, artifact_url, artifact_size,
                                              checksums, signature_key, signature, published_by, license, repository)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) RETURNING id""")) {
            Optional<Artifact> artifact = release.artifact();
            Optional<Artifact.Signature> signature = artifact.flatMap(Artifact::signature);
            s.setLong(1, packageId);
            s.setString(2, release.version().toString());
            s.setBytes(3, VersionKey.of(release.version()));
            s.setBoolean(4, release.version().isPrerelease());
            s.setBoolean(5, release.yanked());
            s.setString(6, artifact.map(Artifact::url).orElse(null));
            if (artifact.isPresent()) {
                s.setLong(7, artifact.get().size());
            } else {
                s.setNull(7, Types.BIGINT);
            }
            s.setString(8, artifact.map(a -> checksumsJson(a.checksums())).orElse(null));
            s.setString(9, signature.map(Artifact.Signature::key).orElse(null));
            s.setString(10, signature.map(Artifact.Signature::ed25519).orElse(null));
            s.setObject(11, publishedBy.orElse(null), Types.OTHER);
            s.setString(12, metadata.license().orElse(null));
            s.setString(13, metadata.repository().orElse(null));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                versionId = r.getLong(1);
            }
        }
        if (!release.dependencies().isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO dependencies (version_id, name, requirement) VALUES (?, ?, ?)")) {
                for (Dependency d : release.dependencies()) {
                    s.setLong(1, versionId);
                    s.setString(2, d.name().value());
                    s.setString(3, d.requirement());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        return versionId;
    }

    /**
     * Sets the package's description (when {@code description} is present; otherwise the old one stays)
     * and recomputes its search vector with {@code package_search_document} (name A, description and keywords B).
     */
    static void describe(Connection c, long packageId, ManifestMetadata metadata) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE packages SET description = coalesce(?, description) WHERE id = ?")) {
            s.setString(1, metadata.description().orElse(null));
            s.setLong(2, packageId);
            s.executeUpdate();
        }
        // A list a publish leaves empty keeps the old one, as a description left out does.
        replaceWords(c, "package_keywords", "keyword", packageId, metadata.keywords());
        replaceWords(c, "package_categories", "category", packageId, metadata.categories());
        // A statement of its own, after the others, so that the document (V1's package_search_document,
        // the one definition that import uses too) sees the new description and keywords.
        try (PreparedStatement s = c.prepareStatement("UPDATE packages SET search = package_search_document(id) WHERE id = ?")) {
            s.setLong(1, packageId);
            s.executeUpdate();
        }
    }

    /** Replaces the rows of {@code table} (keywords or categories) of a package, unless {@code words} is empty. */
    private static void replaceWords(Connection c, String table, String column, long packageId, List<String> words)
            throws SQLException {
        if (words.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE package_id = ?")) {
            s.setLong(1, packageId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (package_id, " + column + ") VALUES (?, ?)")) {
            for (String w : words) {
                s.setLong(1, packageId);
                s.setString(2, w);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * The metadata {@code GET /api/v1/packages/{name}} shows: the package's description, keywords and
     * categories (sorted), and the license and repository of the latest publish that gave one.
     */
    static ManifestMetadata metadata(Connection c, long packageId, Optional<String> description) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT (SELECT license FROM package_versions WHERE package_id = ? AND license IS NOT NULL
                        ORDER BY published_at DESC, id DESC LIMIT 1),
                       (SELECT repository FROM package_versions WHERE package_id = ? AND repository IS NOT NULL
                        ORDER BY published_at DESC, id DESC LIMIT 1),
                       (SELECT coalesce(array_agg(keyword ORDER BY keyword), '{}') FROM package_keywords WHERE package_id = ?),
                       (SELECT coalesce(array_agg(category ORDER BY category), '{}') FROM package_categories WHERE package_id = ?)""")) {
            for (int i = 1; i <= 4; i++) {
                s.setLong(i, packageId);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new ManifestMetadata(description, Optional.ofNullable(r.getString(1)), Optional.ofNullable(r.getString(2)),
                        List.of((String[]) r.getArray(3).getArray()), List.of((String[]) r.getArray(4).getArray()));
            }
        }
    }

    /**
     * The release of {@code name} (package {@code packageId}) whose version equals {@code version}
     * without build metadata, as {@link Version#equals} does, or empty.
     */
    static Optional<Release> find(Connection c, long packageId, PackageName name, Version version) throws SQLException {
        long versionId;
        Version stored;
        boolean yanked;
        Optional<Artifact> artifact;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, version, yanked, artifact_url, artifact_size, checksums::text, signature_key, signature
                FROM package_versions WHERE package_id = ? AND version_core = ?""")) {
            s.setLong(1, packageId);
            s.setString(2, version.withoutBuild().toString());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                versionId = r.getLong("id");
                stored = Version.parse(r.getString("version"));
                yanked = r.getBoolean("yanked");
                String url = r.getString("artifact_url");
                String key = r.getString("signature_key");
                Optional<Artifact.Signature> signature = key == null ? Optional.empty()
                        : Optional.of(new Artifact.Signature(key, r.getString("signature")));
                artifact = url == null ? Optional.empty()
                        : Optional.of(new Artifact(url, r.getLong("artifact_size"), checksums(r.getString(6)), signature));
            }
        }
        List<Dependency> dependencies = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, requirement FROM dependencies WHERE version_id = ? ORDER BY name")) {
            s.setLong(1, versionId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    dependencies.add(Dependency.parse(r.getString(1), r.getString(2)));
                }
            }
        }
        return Optional.of(new Release(new PackageId(name, stored), dependencies, yanked, artifact));
    }

    private static String checksumsJson(Map<String, String> checksums) {
        JsonObject o = JsonObject.create();
        new TreeMap<>(checksums).forEach(o::put);
        return new String(o.canonicalBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> checksums(String json) {
        Map<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonCursor> e : StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), "package_versions.checksums",
                "invalid-checksums").entries()) {
            map.put(e.getKey(), e.getValue().string());
        }
        return map;
    }
}
