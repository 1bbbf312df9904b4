package io.cocoatly.cli;

import io.cocoatly.artifact.ArchiveException;
import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.DigestSink;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.Release;
import io.cocoatly.registry.Manifests;
import io.cocoatly.registry.RegistryEditor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code publish} does before the archive goes anywhere, the same for a registry directory and a
 * registry's API: read the package's manifest, pack a reproducible {@code .tar.gz}, hash it with every
 * digest while it is written, and sign name + version + sha256.
 */
final class PackageArchive {

    private static final EnumSet<DigestAlgorithm> DIGESTS = EnumSet.allOf(DigestAlgorithm.class);

    private PackageArchive() {
    }

    /**
     * The manifest of the package directory {@code dir}.
     *
     * @throws CocoatlyException {@code invalid-package-path} if {@code dir} is not a directory with a manifest
     */
    static Manifest readManifest(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-package-path", "not a package directory: `" + dir + "`",
                    List.of("PATH is the directory that holds the package's `" + Manifests.FILE_NAME + "`"));
        }
        Path file = dir.resolve(Manifests.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-package-path", "no `" + Manifests.FILE_NAME + "` in `" + dir + "`",
                    List.of("a package directory needs a manifest: {\"name\": ..., \"version\": ..., \"dependencies\": {...}}"));
        }
        return Manifests.read(file);
    }

    /**
     * Packs {@code dir} into {@code archive}, hashing it as it is written, and signs the result.
     *
     * @param leaveOut     paths inside {@code dir} that are not part of the package (the registry, the key)
     * @param manifest     the release's name, version and dependencies
     * @param manifestText the archive's {@code cocoatly.json} when it is not the file in {@code dir} (a
     *                     workspace member's, with ranges on the members); only the staging copy gets it
     * @return the release, its artifact at the place a registry directory keeps it
     */
    static Release pack(Path dir, Set<Path> leaveOut, Manifest manifest, Optional<String> manifestText,
                        Ed25519SigningKey signingKey, Path archive) {
        Checksums checksums;
        long size;
        Path staging = createStaging();
        try {
            PackageFiles.stage(dir, staging, leaveOut);
            if (manifestText.isPresent()) {
                Files.writeString(staging.resolve(Manifests.FILE_NAME), manifestText.get(), StandardCharsets.UTF_8);
            }
            try (DigestSink sink = DigestSink.tee(DIGESTS,
                    new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16))) {
                ArchivePacker.pack(staging, sink);
                sink.flush();
                checksums = sink.checksums();
                size = sink.size();
            }
        } catch (ArchiveException e) {
            // The packer only saw the staging copy; name the directory the user gave instead.
            throw new CocoatlyException(e.kind(), e.code(), e.getMessage().replace(staging.toString(), dir.toString()),
                    e.hints(), e);
        } catch (IOException e) {
            throw writeFailed(archive, e);
        } finally {
            PackageFiles.delete(staging);
        }
        String sha256 = checksums.get(DigestAlgorithm.SHA256).orElseThrow();
        Artifact.Signature signature = Signatures.sign(signingKey, manifest.id(), sha256);
        Artifact artifact = new Artifact(RegistryEditor.artifactPath(manifest.id()), size, checksums.toMap(),
                Optional.of(signature));
        return new Release(manifest.id(), manifest.dependencies(), false, Optional.of(artifact));
    }

    /** A new empty file in the temporary directory for an archive on its way to a server. */
    static Path tempArchive() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return Files.createTempFile(tmp, "cocoatly-publish-", ".tar.gz");
        } catch (IOException e) {
            throw writeFailed(tmp, e);
        }
    }

    /** Deletes a temporary archive; one left behind only costs space. */
    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stray `.publish-*.part` or temp archive is never read; it only costs space.
            return;
        }
    }

    private static Path createStaging() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return Files.createTempDirectory(tmp, "cocoatly-publish-");
        } catch (IOException e) {
            throw writeFailed(tmp, e);
        }
    }

    private static CocoatlyException writeFailed(Path where, IOException e) {
        return new CocoatlyException(ErrorKind.FAILED, "publish-failed", "cannot write `" + where + "`: " + e.getMessage(),
                List.of("check free space and permissions; nothing was added to the registry"), e);
    }
}
