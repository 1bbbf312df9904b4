package io.cocoatly.installer;

import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Checksums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    private static final Pattern TWO_HEX = Pattern.compile("[0-9a-f]{2}");
    // sha256 and blake3 digests have 64 hex digits, sha512 128.
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}|[0-9a-f]{128}");

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

    /**
     * A shared lock on the entry at {@code file}, taken before it is looked up and held until the
     * package is unpacked, so that no evictor (in any process) deletes it in between.
     */
    CacheLocks.Lease lease(Path file) {
        return CacheLocks.shared(root, file);
    }

    /**
     * Records a use of the entry: its modification time is its last use, by which eviction goes
     * (entries are immutable, so the time says nothing else). A cache that cannot be touched, such
     * as a read-only one, keeps its download times.
     */
    void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // Eviction then orders it by when it was downloaded: only its place in the order changes.
        }
    }

    /** An entry of the cache: its file, size and last use. */
    record Entry(Path file, long size, Instant lastUsed) {
    }

    /**
     * Every entry of the cache's own layout, {@code <algorithm>/<2 hex>/<hex digest>}, as regular files
     * (never through a symbolic link); anything else in the directory is not the cache's and is left out.
     * A directory that cannot be read is left out too.
     */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (DigestAlgorithm a : KEY_ORDER) {
            for (Path prefix : children(root.resolve(a.id()))) {
                String two = prefix.getFileName().toString();
                if (!TWO_HEX.matcher(two).matches() || !Files.isDirectory(prefix, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                for (Path file : children(prefix)) {
                    String name = file.getFileName().toString();
                    if (!DIGEST.matcher(name).matches() || !name.startsWith(two)) {
                        continue;
                    }
                    try {
                        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
                                LinkOption.NOFOLLOW_LINKS);
                        if (attrs.isRegularFile()) {
                            entries.add(new Entry(file, attrs.size(), attrs.lastModifiedTime().toInstant()));
                        }
                    } catch (IOException e) {
                        // Removed meanwhile by another process's eviction.
                    }
                }
            }
        }
        return entries;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
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
