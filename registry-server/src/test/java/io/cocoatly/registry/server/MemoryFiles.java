package io.cocoatly.registry.server;

import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A {@link RegistryFiles} held in memory, as a database backend would answer from its cache: a map
 * of path to bytes whose ETag ({@code "v<n>"}, unrelated to the content) changes when the bytes do,
 * and artifacts as local files, streams or redirects. It can mirror a registry directory, reading
 * a path again whenever it is asked for (regular files only: a database holds no symlinks), so
 * that the tests that change a directory registry run against it unchanged. It records every
 * download reported, and throws {@link #failure} from every read while it is set.
 */
final class MemoryFiles implements RegistryFiles {

    /** One {@link #downloaded} call. */
    record Download(PackageId id, String clientAddress, String userAgent) {
    }

    final List<Download> downloads = new CopyOnWriteArrayList<>();
    /** Thrown by {@link #file} and {@link #artifact} while set. */
    volatile RuntimeException failure;

    private final Path mirror;
    private final Map<String, ServedFile> files = new ConcurrentHashMap<>();
    private final Map<String, ArtifactFile> artifacts = new ConcurrentHashMap<>();
    private final Map<String, ArtifactFile> fixed = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    private MemoryFiles(Path mirror) {
        this.mirror = mirror;
    }

    /** No files yet: {@link #put} adds them. */
    static MemoryFiles empty() {
        return new MemoryFiles(null);
    }

    /** Every regular file of the registry directory {@code dir}, read once, now. */
    static MemoryFiles copyOf(Path dir) {
        MemoryFiles files = new MemoryFiles(null);
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> files.load(dir, dir.relativize(p).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files of {@code dir} as they are whenever asked for. */
    static MemoryFiles mirroring(Path dir) {
        return new MemoryFiles(dir);
    }

    /** Sets a JSON file's bytes; its ETag changes if they differ from what it had. */
    void put(String path, byte[] bytes, Instant lastModified) {
        files.compute(path, (p, old) -> old != null && Arrays.equals(old.bytes(), bytes) ? old
                : new ServedFile(bytes.clone(), "\"v" + versions.incrementAndGet() + "\"", lastModified));
    }

    /** Serves {@code artifact} at {@code path}, whatever a mirrored directory holds there. */
    void putArtifact(String path, ArtifactFile artifact) {
        fixed.put(path, artifact);
    }

    @Override
    public Optional<ServedFile> file(String path) {
        fail();
        if (mirror != null) {
            load(mirror, path);
        }
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public Optional<ArtifactFile> artifact(String path) {
        fail();
        if (fixed.containsKey(path)) {
            return Optional.of(fixed.get(path));
        }
        if (mirror != null) {
            load(mirror, path);
        }
        return Optional.ofNullable(artifacts.get(path));
    }

    @Override
    public void downloaded(PackageId id, String clientAddress, String userAgent) {
        downloads.add(new Download(id, clientAddress, userAgent));
    }

    private void fail() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }

    /** Reads {@code path} of {@code dir} into the maps, or drops it if it is no regular file there. */
    private void load(Path dir, String path) {
        Path file = dir.resolve(path);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || path.startsWith(".") || path.contains("/.")) {
                files.remove(path);
                artifacts.remove(path);
                return;
            }
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            if (path.startsWith("artifacts/")) {
                artifacts.put(path, new ArtifactFile.Local(id(path), file, contentTag(Files.readAllBytes(file)), modified));
            } else {
                put(path, Files.readAllBytes(file), modified);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code artifacts/<name>/<name>-<version>.tar.gz}'s package and version. */
    static PackageId id(String path) {
        String[] parts = path.split("/");
        String name = parts[1];
        String file = parts[parts.length - 1];
        return PackageId.of(name, file.substring(name.length() + 1, file.length() - ".tar.gz".length()));
    }

    /**
     * The tag a directory server gives the same bytes (base64url SHA-256, quoted): a backend that
     * keeps each artifact's digest can send it as the artifact's ETag.
     */
    static String contentTag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
