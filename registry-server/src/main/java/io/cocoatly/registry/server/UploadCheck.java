package io.cocoatly.registry.server;

import io.cocoatly.artifact.ArchiveException;
import io.cocoatly.artifact.ArchiveExtractor;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.artifact.ExtractionLimits;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.artifact.StagingFiles;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.artifact.VerificationException;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.Release;
import io.cocoatly.registry.Manifests;
import io.cocoatly.registry.RegistryEditor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checks of an upload that need no registry state, written once for every backend: the archive
 * against the {@code artifact} module's rules (by extracting it as the installer would, into a
 * scratch directory), its {@code cocoatly.json} against the metadata, and the signature against
 * the keys a backend says may sign.
 */
final class UploadCheck {

    private static final ArchiveExtractor EXTRACTOR = new ArchiveExtractor(ExtractionLimits.defaults());

    private UploadCheck() {
    }

    /**
     * Extracts the archive into {@code scratch} (an empty directory, emptied again afterwards) and
     * compares its manifest with the metadata.
     *
     * @throws ApiException 422 naming the broken rule or the field that differs
     */
    static void archive(Upload upload, Path scratch) {
        try {
            EXTRACTOR.extract(upload.id(), upload.archive(), scratch);
            Path file = scratch.resolve(Manifests.FILE_NAME);
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw refused("archive-manifest", "the archive of " + upload.id() + " has no `cocoatly.json` at its root");
            }
            Manifest manifest;
            try {
                manifest = Manifests.read(file);
            } catch (CocoatlyException e) {
                throw refused("archive-manifest", "the archive's `cocoatly.json` is invalid: "
                        + e.getMessage().replace(file.toString(), "cocoatly.json"));
            }
            compare(upload, manifest);
        } catch (ArchiveException e) {
            throw refused("unsafe-archive", e.getMessage());
        } finally {
            StagingFiles.deleteContents(scratch);
        }
    }

    private static void compare(Upload upload, Manifest manifest) {
        if (!manifest.name().equals(upload.name())) {
            throw refused("archive-mismatch", "the archive's `cocoatly.json` names `" + manifest.name()
                    + "`, the metadata `" + upload.name() + "`");
        }
        if (!manifest.version().toString().equals(upload.version().toString())) {
            throw refused("archive-mismatch", "the archive's `cocoatly.json` has version `" + manifest.version()
                    + "`, the metadata `" + upload.version() + "`");
        }
        Map<String, String> inArchive = requirements(manifest.dependencies());
        Map<String, String> inMetadata = requirements(upload.dependencies());
        if (!inArchive.equals(inMetadata)) {
            throw refused("archive-mismatch", "the archive's `cocoatly.json` has dependencies " + inArchive
                    + ", the metadata " + inMetadata);
        }
    }

    private static Map<String, String> requirements(List<Dependency> dependencies) {
        Map<String, String> map = new TreeMap<>();
        dependencies.forEach(d -> map.put(d.name().value(), d.requirement()));
        return map;
    }

    /**
     * Checks the upload's signature against {@code keys}.
     *
     * @param whose who the keys belong to, for the message ("the owners of `http`")
     * @throws ApiException 422 if no key has the signature's id or it does not verify
     */
    static void signature(Upload upload, List<Ed25519PublicKey> keys, String whose) {
        String sha256 = upload.checksums().get(DigestAlgorithm.SHA256).orElseThrow();
        try {
            Signatures.verify(upload.id(), sha256, upload.signature(), TrustedKeys.of(keys));
        } catch (VerificationException e) {
            if (e.code().equals("unknown-signing-key")) {
                throw refused("unknown-signing-key", "the signature of " + upload.id() + " is by key `"
                        + upload.signature().key() + "`, which is not a key of " + whose);
            }
            throw refused(e.code(), e.getMessage());
        }
    }

    /** The index entry for an upload that passed every check. */
    static Release release(Upload upload) {
        Artifact artifact = new Artifact(RegistryEditor.artifactPath(upload.id()), upload.size(), upload.checksums().toMap(),
                Optional.of(upload.signature()));
        return new Release(upload.id(), upload.dependencies(), false, Optional.of(artifact));
    }

    /** A new empty scratch directory below {@code parent}. */
    static Path scratch(Path parent) {
        try {
            return Files.createTempDirectory(parent, ".extract-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ApiException refused(String code, String detail) {
        return new ApiException(ApiException.Status.UNPROCESSABLE, code, detail);
    }
}
