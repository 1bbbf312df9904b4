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
 * The checks of an upload that need no registry state, written once for every backend: the
 * metadata's limits, the archive against the {@code artifact} module's rules (by extracting it as
 * the installer would, into a scratch directory), its {@code cocoatly.json} against the metadata,
 * the signature against the keys a backend says may sign, and the key under which names count as
 * one.
 */
public final class UploadCheck {

    /** The longest description accepted, in characters (the database's {@code CHECK} says the same). */
    public static final int MAX_DESCRIPTION = 1000;

    private static final ArchiveExtractor EXTRACTOR = new ArchiveExtractor(ExtractionLimits.defaults());

    private UploadCheck() {
    }

    /**
     * Checks the metadata's own limits, before anything is extracted or stored.
     *
     * @throws ApiException 400 {@code invalid-publish-metadata} for a description over {@value #MAX_DESCRIPTION} characters
     */
    public static void metadata(Upload upload) {
        int length = upload.description().map(d -> d.codePointCount(0, d.length())).orElse(0);
        if (length > MAX_DESCRIPTION) {
            throw new ApiException(ApiException.Status.BAD_REQUEST, "invalid-publish-metadata", "the description of "
                    + upload.id() + " is " + length + " characters long; at most " + MAX_DESCRIPTION + " are accepted");
        }
    }

    /**
     * The key under which names are one: names that only case or {@code -} versus {@code _} tell apart
     * have the same key, and a new name whose key is taken is refused ({@link Refusals#nameTooSimilar}).
     */
    public static String similarityKey(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * Extracts the archive into {@code scratch} (an empty directory, emptied again afterwards) and
     * compares its manifest with the metadata.
     *
     * @throws ApiException 422 naming the broken rule or the field that differs
     */
    public static void archive(Upload upload, Path scratch) {
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
    public static void signature(Upload upload, List<Ed25519PublicKey> keys, String whose) {
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
    public static Release release(Upload upload) {
        Artifact artifact = new Artifact(RegistryEditor.artifactPath(upload.id()), upload.size(), upload.checksums().toMap(),
                Optional.of(upload.signature()));
        return new Release(upload.id(), upload.dependencies(), false, Optional.of(artifact));
    }

    /** A new empty scratch directory below {@code parent}. */
    public static Path scratch(Path parent) {
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
