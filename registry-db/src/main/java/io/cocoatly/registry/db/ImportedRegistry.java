package io.cocoatly.registry.db;

import io.cocoatly.artifact.ArtifactVerifier;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.artifact.VerificationPolicy;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.server.ServerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registry directory read whole and checked for import: every index file read strictly (an entry a
 * lenient reader would leave out refuses the import, naming the file), every artifact in
 * {@code artifacts/} checked against its entry (size, every digest, the signature against the keys of
 * the registry's users and the keys given), the server's state ({@code .cocoatly-server}: owners,
 * descriptions, publication times, users and their keys; tokens are not imported, since only their
 * hashes exist and new ones are easily made).
 *
 * @param registryJson the bytes of {@code registry.json}, kept as they are
 * @param name         the registry's name
 * @param listings     every package, by name
 * @param states       the server's state of each package that has one
 * @param users        users and their keys, by login
 * @param artifacts    the archive file of each release whose artifact lives in the directory
 */
record ImportedRegistry(byte[] registryJson, String name, List<PackageListing> listings,
                        Map<PackageName, ServerState.PackageState> states, Map<String, List<Ed25519PublicKey>> users,
                        Map<PackageId, Path> artifacts) {

    /**
     * Reads and checks the registry in {@code dir}, holding its lock meanwhile so that no publish
     * changes it half-way.
     *
     * @param keys more keys to check signatures with, beyond the users' own
     * @throws CocoatlyException {@code import-refused} naming the file and what is wrong, or the
     *                           registry module's errors for a malformed file
     */
    static ImportedRegistry read(Path dir, Collection<Ed25519PublicKey> keys) {
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            FileRegistry registry = FileRegistry.open(dir);
            byte[] registryJson = Files.readAllBytes(dir.resolve("registry.json"));
            ServerState state = new ServerState(dir);
            Map<String, List<Ed25519PublicKey>> users = state.users();
            List<Ed25519PublicKey> trusted = new ArrayList<>(keys);
            users.values().forEach(trusted::addAll);
            ArtifactVerifier verifier = new ArtifactVerifier(new VerificationPolicy(EnumSet.noneOf(
                    io.cocoatly.artifact.DigestAlgorithm.class), false, TrustedKeys.of(trusted)));
            List<PackageListing> listings = new ArrayList<>();
            Map<PackageName, ServerState.PackageState> states = new LinkedHashMap<>();
            Map<PackageId, Path> artifacts = new LinkedHashMap<>();
            for (PackageName name : registry.packageNames()) {
                Path indexFile = dir.resolve("index").resolve(name.value() + ".json");
                PackageListing listing = editor.listing(name).orElseThrow(() -> refused(indexFile, "the file is gone", List.of()));
                for (Release release : listing.releases()) {
                    if (release.artifact().isPresent()) {
                        check(dir, indexFile, release, release.artifact().get(), verifier).ifPresent(f -> artifacts.put(release.id(), f));
                    }
                }
                listings.add(listing);
                state.packageState(name).ifPresent(s -> states.put(name, s));
            }
            return new ImportedRegistry(registryJson, registry.name(), listings, states, users, artifacts);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "registry-unreadable", "cannot read `" + dir + "`: " + e.getMessage(),
                    List.of(), e);
        }
    }

    /** The archive of a release whose URL is its place in the directory, checked; empty for an absolute URL. */
    private static Optional<Path> check(Path dir, Path indexFile, Release release, Artifact artifact, ArtifactVerifier verifier) {
        PackageId id = release.id();
        boolean local = !artifact.url().contains(":");
        if (local && !artifact.url().equals(RegistryEditor.artifactPath(id))) {
            throw refused(indexFile, id + ": artifact URL `" + artifact.url() + "` is not `" + RegistryEditor.artifactPath(id) + "`",
                    List.of("a directory registry keeps each archive at artifacts/<name>/<name>-<version>.tar.gz"));
        }
        try {
            Checksums expected = verifier.checkMetadata(id, artifact);
            if (artifact.signature().isPresent()) {
                // Signed means checked: a signature by a key nobody vouches for refuses the import.
                Signatures.verify(id, expected.get(io.cocoatly.artifact.DigestAlgorithm.SHA256).orElseThrow(() -> refused(indexFile,
                        id + ": signed, but the artifact names no sha256 digest", List.of())), artifact.signature().get(),
                        verifier.policy().trustedKeys());
            }
            if (!local) {
                return Optional.empty();
            }
            Path file = dir.resolve(artifact.url());
            if (!Files.isRegularFile(file)) {
                throw refused(indexFile, id + ": its artifact `" + file + "` is missing", List.of());
            }
            verifier.checkContent(id, artifact.size(), expected, Files.size(file), Checksums.of(file, expected.algorithms()));
            return Optional.of(file);
        } catch (IOException e) {
            throw refused(indexFile, id + ": cannot read its artifact: " + e.getMessage(), List.of());
        } catch (CocoatlyException e) {
            if (e.code().equals("import-refused")) {
                throw e;
            }
            List<String> hints = new ArrayList<>(e.hints());
            if (e.code().equals("unknown-signing-key")) {
                hints.add("give the publisher's public key to the import, or import the registry with its `.cocoatly-server/users.json`");
            }
            throw refused(indexFile, e.getMessage(), hints);
        }
    }

    private static CocoatlyException refused(Path indexFile, String problem, List<String> hints) {
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "import-refused", "cannot import `" + indexFile + "`: " + problem, hints);
    }
}
