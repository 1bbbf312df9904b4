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
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.Release;
import io.cocoatly.registry.Manifests;
import io.cocoatly.registry.RegistryEditor;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

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

    /** The longest license expression accepted, in characters (as the database's {@code CHECK}). */
    public static final int MAX_LICENSE = 256;

    /** The longest repository URL accepted, in characters (as the database's {@code CHECK}). */
    public static final int MAX_REPOSITORY = 2048;

    /** The most keywords, and the most categories, one package may have (crates.io's limit). */
    public static final int MAX_WORDS = 5;

    /** A keyword: lowercase ASCII letters, digits, {@code _ + -}, 1 to 32 characters (V1's {@code CHECK}). */
    static final Pattern KEYWORD = Pattern.compile("[a-z0-9][a-z0-9_+-]{0,31}");

    /** A category: lowercase ASCII letters, digits, {@code : _ -} and spaces, 1 to 64 characters (V1's {@code CHECK}). */
    static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9:_ -]{0,63}");

    private static final ArchiveExtractor EXTRACTOR = new ArchiveExtractor(ExtractionLimits.defaults());

    private UploadCheck() {
    }

    /**
     * Checks the metadata's own limits (docs/registry-protocol.md §2.1), before anything is extracted
     * or stored: a description of at most {@value #MAX_DESCRIPTION} characters without control characters, a license of at most
     * {@value #MAX_LICENSE} without control characters, a repository that is an {@code http(s)} URL of
     * at most {@value #MAX_REPOSITORY}, at most {@value #MAX_WORDS} keywords and categories, each once
     * and of the documented form.
     *
     * @throws ApiException 400 {@code invalid-publish-metadata} naming the field and the value
     */
    public static void metadata(Upload upload) {
        ManifestMetadata m = upload.metadata();
        int length = m.description().map(UploadCheck::length).orElse(0);
        if (length > MAX_DESCRIPTION) {
            throw badMetadata("the description of " + upload.id() + " is " + length + " characters long; at most "
                    + MAX_DESCRIPTION + " are accepted");
        }
        // Printed on other people's terminals by `info` and `search`: no escape sequences.
        if (m.description().filter(d -> d.chars().anyMatch(Character::isISOControl)).isPresent()) {
            throw badMetadata("the description of " + upload.id() + " contains control characters");
        }
        m.license().ifPresent(l -> {
            if (l.isBlank() || length(l) > MAX_LICENSE || l.chars().anyMatch(Character::isISOControl)) {
                throw badMetadata("the license of " + upload.id() + " is not an SPDX expression of 1 to " + MAX_LICENSE
                        + " characters: `" + shorten(l) + "`");
            }
        });
        m.repository().ifPresent(r -> {
            if (length(r) > MAX_REPOSITORY || !isWebUrl(r)) {
                throw badMetadata("the repository of " + upload.id() + " is not an http(s) URL of at most "
                        + MAX_REPOSITORY + " characters: `" + shorten(r) + "`");
            }
        });
        words(upload, "keywords", m.keywords(), KEYWORD, "lowercase letters, digits, `_`, `+` and `-`, 1 to 32");
        words(upload, "categories", m.categories(), CATEGORY, "lowercase letters, digits, `:`, `_`, `-` and spaces, 1 to 64");
    }

    private static void words(Upload upload, String field, List<String> words, Pattern form, String formText) {
        if (words.size() > MAX_WORDS) {
            throw badMetadata(upload.id() + " has " + words.size() + " " + field + "; at most " + MAX_WORDS
                    + " are accepted");
        }
        Set<String> seen = new HashSet<>();
        for (String w : words) {
            if (!form.matcher(w).matches()) {
                throw badMetadata("`" + shorten(w) + "` in the " + field + " of " + upload.id() + " is not "
                        + formText + " characters");
            }
            if (!seen.add(w)) {
                throw badMetadata("`" + w + "` is twice in the " + field + " of " + upload.id());
            }
        }
    }

    private static boolean isWebUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** A value as a message shows it: at most 80 characters, control characters escaped. */
    private static String shorten(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder b = new StringBuilder();
        shown.chars().forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }

    private static ApiException badMetadata(String detail) {
        return new ApiException(ApiException.Status.BAD_REQUEST, "invalid-publish-metadata", detail);
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
