package io.cocoatly.registry.http;

import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The on-disk cache of one remote registry: {@code <cacheDir>/<host>-<port>-<sha16>/<path>}, where
 * {@code sha16} is the first 16 hex digits of SHA-256 over the base URL, so two registries on one
 * host never share files. Every entry is replaced by an atomic rename of a complete temp file
 * ({@link AtomicFiles}), so processes sharing the cache, or a crash, never leave a half-written
 * entry: a reader sees the old entry or the new one. Concurrent writers of one entry race
 * harmlessly; the last rename wins and both wrote a whole, valid entry.
 */
final class RegistryCache {

    private final Path dir;

    RegistryCache(Path cacheDir, URI base) {
        this.dir = cacheDir.resolve(key(base));
    }

    /** The directory name for {@code base}, e.g. {@code registry.example-443-3f2a9c01d4e5b6a7}. */
    static String key(URI base) {
        String host = base.getHost().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_");
        int port = base.getPort() >= 0 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
        return host + "-" + port + "-" + sha16(base.toString());
    }

    /** The entry for {@code relativePath}, or empty if none is cached (or it is unreadable as an entry). */
    Optional<CacheEntry> read(String relativePath) {
        Path file = dir.resolve(relativePath);
        try {
            return CacheEntry.decode(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            // A cache that cannot be read is a cache that does not have the file: it is fetched again.
            return Optional.empty();
        }
    }

    /**
     * Replaces the entry for {@code relativePath}.
     *
     * @throws IOException if it cannot be written; the previous entry, if any, is then untouched
     */
    void write(String relativePath, CacheEntry entry) throws IOException {
        Path file = dir.resolve(relativePath);
        Files.createDirectories(file.getParent());
        AtomicFiles.writeCacheEntry(file, entry.encode(), FileModes.shared());
    }

    private static String sha16(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
