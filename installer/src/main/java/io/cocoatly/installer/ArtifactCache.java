package io.cocoatly.installer;

import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Checksums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content-addressed artifact cache: {@code <cache>/<algorithm>/<first 2 hex>/<hex>}, keyed by the
 * strongest-preferred digest the artifact names (sha256, else sha512, else blake3). Downloads go to
 * {@code <cache>/tmp/} and are renamed into place only once verified, so a cache path never holds a
 * partial or unverified file; a hit is still re-hashed before use, which also catches a file damaged
 * on disk.
 */
final class ArtifactCache {

    private static final List<DigestAlgorithm> KEY_ORDER =
            List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512, DigestAlgorithm.BLAKE3);

    private final Path root;

    ArtifactCache(Path root) {
        this.root = root;
    }

    /** The cache directory ({@code cache.dir}). */
    Path root() {
        return root;
    }

    /** Where the artifact with these digests lives. */
    Path pathFor(Checksums expected) {
        for (DigestAlgorithm a : KEY_ORDER) {
            Optional<String> hex = expected.get(a);
            if (hex.isPresent()) {
                return root.resolve(a.id()).resolve(hex.get().substring(0, 2)).resolve(hex.get());
            }
        }
        throw new IllegalArgumentException("no digest to key the cache by");
    }

    /**
     * The cached file's digests if it exists and matches {@code size} and every expected digest; a
     * file that does not match is deleted.
     */
    Optional<Checksums> verifiedHit(Path file, long size, Checksums expected) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (Files.size(file) == size) {
                Checksums actual = Checksums.of(file, expected.algorithms());
                if (matches(expected, actual)) {
                    return Optional.of(actual);
                }
            }
            Files.deleteIfExists(file);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh temporary file on the cache's file system. */
    Path newTemp() {
        try {
            Path tmp = Files.createDirectories(root.resolve("tmp"));
            return Files.createTempFile(tmp, "download-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a verified temporary file to its cache path in one atomic rename. */
    void commit(Path tmp, Path target) {
        try {
            Files.createDirectories(target.getParent());
            // Replacing is safe: a concurrent writer can only have put the same verified bytes there.
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean matches(Checksums expected, Checksums actual) {
        for (Map.Entry<DigestAlgorithm, String> e : expected.values().entrySet()) {
            if (!actual.get(e.getKey()).map(e.getValue()::equals).orElse(false)) {
                return false;
            }
        }
        return true;
    }
}
