package io.cocoatly.registry.db;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.CanonicalFiles;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.server.ArtifactFile;
import io.cocoatly.registry.server.ServerState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes the database's registry back as a registry directory: registry.json as stored, names.json
 * and each index file in their canonical bytes ({@link CanonicalFiles}), each artifact the index
 * places in the directory copied from the artifact store, and, where the database has users, the
 * server's state ({@code .cocoatly-server}: users and keys, and each owned package's owners,
 * description and publication times). Tokens are not exported.
 */
final class RegistryExport {

    private RegistryExport() {
    }

    /**
     * Exports into {@code dir}, which must not exist or be empty.
     *
     * @throws CocoatlyException {@code export-target-not-empty}, {@code registry-not-found} if the
     *                           database has no registry, {@code artifact-missing} if the store lacks
     *                           an archive the index places in the directory, {@code registry-unwritable}
     */
    static ExportSummary run(Database database, ArtifactStore store, Path dir) {
        requireEmpty(dir);
        return database.read(Access.SERVICE, c -> {
            byte[] registryJson = registryJson(c);
            List<PackageName> names = names(c);
            write(dir.resolve("registry.json"), registryJson);
            write(dir.resolve("names.json"), CanonicalFiles.names(names));
            Map<String, java.util.List<Ed25519PublicKey>> users = users(c);
            ServerState state = new ServerState(dir);
            if (!users.isEmpty()) {
                state.writeUsers(users);
            }
            int versions = 0;
            int artifacts = 0;
            for (PackageName name : names) {
                Listings.Stored stored = Listings.load(c, name).orElseThrow();
                write(dir.resolve("index").resolve(name.value() + ".json"), CanonicalFiles.index(stored.listing()));
                for (Release release : stored.listing().releases()) {
                    versions++;
                    String url = release.artifact().map(Artifact::url).orElse("");
                    if (url.equals(RegistryEditor.artifactPath(release.id()))) {
                        copy(store, release, dir.resolve(url));
                        artifacts++;
                    }
                }
                List<String> owners = Listings.owners(c, stored.id());
                if (!owners.isEmpty()) {
                    state.writePackageState(name, new ServerState.PackageState(owners, stored.description(), stored.published()));
                }
            }
            return new ExportSummary(names.size(), versions, artifacts);
        });
    }

    private static byte[] registryJson(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HotQueries.SETTINGS); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "registry-not-found", "the database holds no registry to export",
                        List.of("import one first with `cocoatly registry import DIR --db URL`"));
            }
            return r.getString(1).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static List<PackageName> names(Connection c) throws SQLException {
        List<PackageName> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(HotQueries.NAMES); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                names.add(PackageName.of(r.getString(1)));
            }
        }
        names.sort(null);
        return names;
    }

    private static Map<String, List<Ed25519PublicKey>> users(Connection c) throws SQLException {
        Map<String, List<Ed25519PublicKey>> users = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT u.login, k.public_key FROM users u LEFT JOIN user_keys k ON k.user_id = u.id
                ORDER BY u.login, k.added_at, k.key_id""");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                List<Ed25519PublicKey> keys = users.computeIfAbsent(r.getString(1), l -> new ArrayList<>());
                Optional.ofNullable(r.getString(2)).map(Ed25519PublicKey::parse).ifPresent(keys::add);
            }
        }
        return users;
    }

    private static void copy(ArtifactStore store, Release release, Path target) {
        // open() reads the bytes from any store, also one whose downloads redirect to a CDN.
        InputStream in = store.open(release.id()).orElseThrow(() -> new CocoatlyException(ErrorKind.FAILED, "artifact-missing",
                "the artifact store has no archive of `" + release.id() + "`, which the index places at `" + target + "`",
                List.of("put the archive back into the store, or yank and re-publish the version")));
        try (in) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw unwritable(target, e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, bytes, FileModes.shared());
        } catch (IOException e) {
            throw unwritable(file, e);
        }
    }

    private static void requireEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "export-target-not-empty", "cannot export into `" + dir
                        + "`: it is not empty", List.of("give a new directory"));
            }
        } catch (IOException e) {
            throw unwritable(dir, e);
        }
    }

    private static CocoatlyException unwritable(Path file, IOException e) {
        return new CocoatlyException(ErrorKind.FAILED, "registry-unwritable", "cannot write `" + file + "`: " + e.getMessage(),
                List.of("check free space and the permissions of the target directory"), e);
    }
}
