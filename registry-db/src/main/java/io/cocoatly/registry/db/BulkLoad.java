package io.cocoatly.registry.db;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.json.JsonObject;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.server.ServerState;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a whole registry's rows in bulk, inside one transaction as the service role: each table
 * gets one {@code INSERT … SELECT FROM unnest(arrays)} per {@value #CHUNK} rows, which PostgreSQL
 * takes as fast as a JDBC batch rewritten into multi-row inserts. ({@code COPY FROM} would be faster
 * still, but PostgreSQL refuses it on a table with row-level security.) The schema's trigger still
 * bumps each package's revision once per version inserted, and {@code packages.search} is set from
 * {@code package_search_document}, as a publish sets it.
 */
final class BulkLoad {

    /** Rows per statement: large enough to amortise the round trip, small enough for memory. */
    static final int CHUNK = 5000;

    /** The columns of package_versions an import writes, in the order of {@link #VERSIONS}' arrays. */
    private static final String VERSIONS = """
            INSERT INTO package_versions (package_id, version, sort_key, prerelease, yanked, artifact_url, artifact_size,
                                          checksums, signature_key, signature, published_at)
            SELECT t.package_id, t.version, decode(t.sort_key, 'hex'), t.prerelease, t.yanked, t.artifact_url, t.artifact_size,
                   t.checksums::jsonb, t.signature_key, t.signature, coalesce(t.published_at, now())
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::boolean[], ?::boolean[], ?::text[], ?::bigint[], ?::text[],
                        ?::text[], ?::text[], ?::timestamptz[])
                 AS t(package_id, version, sort_key, prerelease, yanked, artifact_url, artifact_size, checksums,
                      signature_key, signature, published_at)
            RETURNING id, package_id, version""";

    private BulkLoad() {
    }

    /**
     * Loads {@code registry} into an empty database: no package and no user (a description alone, written
     * by a server's first start, is replaced).
     *
     * @throws CocoatlyException {@code import-target-not-empty} if the database has packages or users already
     */
    static ImportSummary load(Connection c, ImportedRegistry registry) throws SQLException {
        requireEmpty(c);
        // A registry a server described on its first start but that holds nothing yet takes the imported description.
        try (PreparedStatement s = c.prepareStatement("INSERT INTO registry_settings (name, description) VALUES (?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description")) {
            s.setString(1, registry.name());
            s.setString(2, new String(registry.registryJson(), StandardCharsets.UTF_8));
            s.executeUpdate();
        }
        Map<String, String> userIds = users(c, registry.users());
        Map<String, Long> packageIds = packages(c, registry);
        int versions = versions(c, registry, packageIds);
        owners(c, registry, packageIds, userIds);
        try (PreparedStatement s = c.prepareStatement("UPDATE packages SET search = package_search_document(id)")) {
            s.executeUpdate();
        }
        return new ImportSummary(packageIds.size(), versions, registry.artifacts().size(), userIds.size());
    }

    private static void requireEmpty(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM packages) OR EXISTS (SELECT 1 FROM users)");
             ResultSet r = s.executeQuery()) {
            r.next();
            if (r.getBoolean(1)) {
                throw new CocoatlyException(ErrorKind.FAILED, "import-target-not-empty",
                        "the database holds a registry already; an import only fills an empty one",
                        List.of("import into a new database (created and migrated with `cocoatly registry migrate`)"));
            }
        }
    }

    private static Map<String, String> users(Connection c, Map<String, List<Ed25519PublicKey>> users) throws SQLException {
        Map<String, String> ids = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO users (login) VALUES (?) RETURNING id");
             PreparedStatement k = c.prepareStatement("INSERT INTO user_keys (user_id, key_id, public_key) VALUES (?::uuid, ?, ?)")) {
            for (Map.Entry<String, List<Ed25519PublicKey>> user : users.entrySet()) {
                s.setString(1, user.getKey());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    ids.put(user.getKey(), r.getString(1));
                }
                for (Ed25519PublicKey key : user.getValue()) {
                    k.setString(1, ids.get(user.getKey()));
                    k.setString(2, key.keyId());
                    k.setString(3, key.base64());
                    k.addBatch();
                }
            }
            k.executeBatch();
        }
        return ids;
    }

    private static Map<String, Long> packages(Connection c, ImportedRegistry registry) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        List<PackageListing> listings = registry.listings();
        for (int from = 0; from < listings.size(); from += CHUNK) {
            List<PackageListing> chunk = listings.subList(from, Math.min(listings.size(), from + CHUNK));
            String[] names = new String[chunk.size()];
            String[] descriptions = new String[chunk.size()];
            for (int i = 0; i < chunk.size(); i++) {
                PackageName name = chunk.get(i).name();
                names[i] = name.value();
                descriptions[i] = Optional.ofNullable(registry.states().get(name)).flatMap(ServerState.PackageState::description).orElse(null);
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO packages (name, description) SELECT * FROM unnest(?::text[], ?::text[])
                    RETURNING id, name""")) {
                s.setArray(1, c.createArrayOf("text", names));
                s.setArray(2, c.createArrayOf("text", descriptions));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.put(r.getString(2), r.getLong(1));
                    }
                }
            }
        }
        return ids;
    }

    private static int versions(Connection c, ImportedRegistry registry, Map<String, Long> packageIds) throws SQLException {
        List<Release> releases = new ArrayList<>();
        registry.listings().forEach(l -> releases.addAll(l.releases()));
        for (int from = 0; from < releases.size(); from += CHUNK) {
            List<Release> chunk = releases.subList(from, Math.min(releases.size(), from + CHUNK));
            Map<String, Long> versionIds = insertVersions(c, registry, packageIds, chunk);
            insertDependencies(c, chunk, packageIds, versionIds);
        }
        return releases.size();
    }

    private static Map<String, Long> insertVersions(Connection c, ImportedRegistry registry, Map<String, Long> packageIds,
                                                    List<Release> chunk) throws SQLException {
        int n = chunk.size();
        Long[] packageId = new Long[n];
        String[] version = new String[n];
        String[] sortKey = new String[n];
        Boolean[] prerelease = new Boolean[n];
        Boolean[] yanked = new Boolean[n];
        String[] url = new String[n];
        Long[] size = new Long[n];
        String[] checksums = new String[n];
        String[] signatureKey = new String[n];
        String[] signature = new String[n];
        String[] publishedAt = new String[n];
        for (int i = 0; i < n; i++) {
            Release r = chunk.get(i);
            packageId[i] = packageIds.get(r.name().value());
            version[i] = r.version().toString();
            sortKey[i] = HexFormat.of().formatHex(VersionKey.of(r.version()));
            prerelease[i] = r.version().isPrerelease();
            yanked[i] = r.yanked();
            Optional<Artifact> artifact = r.artifact();
            url[i] = artifact.map(Artifact::url).orElse(null);
            size[i] = artifact.map(Artifact::size).orElse(null);
            checksums[i] = artifact.map(BulkLoad::checksumsJson).orElse(null);
            signatureKey[i] = artifact.flatMap(Artifact::signature).map(Artifact.Signature::key).orElse(null);
            signature[i] = artifact.flatMap(Artifact::signature).map(Artifact.Signature::ed25519).orElse(null);
            String text = version[i];
            publishedAt[i] = Optional.ofNullable(registry.states().get(r.name())).map(s -> s.published().get(text))
                    .map(Instant::toString).orElse(null);
        }
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(VERSIONS)) {
            Object[][] columns = {packageId, version, sortKey, prerelease, yanked, url, size, checksums, signatureKey, signature, publishedAt};
            String[] types = {"bigint", "text", "text", "bool", "bool", "text", "bigint", "text", "text", "text", "text"};
            for (int i = 0; i < columns.length; i++) {
                s.setArray(i + 1, c.createArrayOf(types[i], columns[i]));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.put(r.getLong(2) + "@" + r.getString(3), r.getLong(1));
                }
            }
        }
        return ids;
    }

    private static void insertDependencies(Connection c, List<Release> chunk, Map<String, Long> packageIds,
                                           Map<String, Long> versionIds) throws SQLException {
        List<Long> versionId = new ArrayList<>();
        List<String> name = new ArrayList<>();
        List<String> requirement = new ArrayList<>();
        for (Release r : chunk) {
            Long id = versionIds.get(packageIds.get(r.name().value()) + "@" + r.version());
            for (Dependency d : r.dependencies()) {
                versionId.add(id);
                name.add(d.name().value());
                requirement.add(d.requirement());
            }
        }
        if (versionId.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO dependencies (version_id, name, requirement) SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[])")) {
            s.setArray(1, c.createArrayOf("bigint", versionId.toArray()));
            s.setArray(2, c.createArrayOf("text", name.toArray()));
            s.setArray(3, c.createArrayOf("text", requirement.toArray()));
            s.executeUpdate();
        }
    }

    private static void owners(Connection c, ImportedRegistry registry, Map<String, Long> packageIds, Map<String, String> userIds)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO package_owners (package_id, user_id) VALUES (?, ?::uuid)")) {
            for (Map.Entry<PackageName, ServerState.PackageState> e : registry.states().entrySet()) {
                for (String login : e.getValue().owners()) {
                    String user = userIds.get(login);
                    if (user == null) {
                        throw new CocoatlyException(ErrorKind.INVALID_INPUT, "import-refused", "cannot import owner `" + login + "` of `"
                                + e.getKey() + "`: no such user in `.cocoatly-server/users.json`", List.of());
                    }
                    s.setLong(1, packageIds.get(e.getKey().value()));
                    s.setString(2, user);
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    private static String checksumsJson(Artifact artifact) {
        JsonObject o = JsonObject.create();
        artifact.checksums().forEach(o::put);
        return new String(o.canonicalBytes(), StandardCharsets.UTF_8);
    }
}
