package io.cocoatly.registry.server;

import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * The read protocol's files from a registry directory. Never a file outside it: besides the path
 * forms {@link StaticFiles#relative} allows, the file's real path, after symlinks, must still be
 * inside the root and free of dot-names. The check is made once per file identity (device and
 * inode, size, mtime) and cached with the file's entry (its bytes too, for small files), so a hot
 * index file costs one {@code stat}. A directory counts no downloads.
 */
final class DirectoryFiles implements FileSource {

    /** Files up to this size are kept in memory, by either kind of source. */
    static final int MAX_CACHED_BYTES = 256 * 1024;
    private static final long MAX_CACHE_TOTAL = 64L << 20;

    private final Path root;
    private final EntryCache<Known> known = new EntryCache<>(MAX_CACHE_TOTAL);

    /** What was checked of one file, valid while its identity, size and mtime stay the same. */
    private record Known(Object fileKey, long size, long mtimeMillis, FileEntry entry) {

        long footprint() {
            return entry instanceof FileEntry.InMemory m ? m.footprint() : 256;
        }
    }

    /** @throws IOException if {@code root} does not exist */
    DirectoryFiles(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    @Override
    public FileEntry find(String relative) throws IOException {
        Path file = root.resolve(relative);
        for (int attempt = 0; attempt < 3; attempt++) {
            BasicFileAttributes before;
            try {
                before = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return null;
            }
            if (!before.isRegularFile()) {
                return null;
            }
            Known cached = known.get(relative);
            if (cached != null && same(cached, before)) {
                return cached.entry();
            }
            if (!inside(file)) {
                return null;
            }
            Known fresh = read(relative, file, before);
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
            if (same(fresh, after)) {
                known.put(relative, fresh, fresh.footprint());
                return fresh.entry();
            }
            // Replaced while it was read: read the new one.
        }
        return null;
    }

    @Override
    public void downloaded(PackageId id, String clientAddress, String userAgent) {
        // Entries from a directory count nothing (FileEntry.counted() is null).
    }

    private boolean inside(Path file) throws IOException {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!real.startsWith(root)) {
            return false;
        }
        for (Path part : root.relativize(real)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static Known read(String relative, Path file, BasicFileAttributes attrs) throws IOException {
        long mtime = attrs.lastModifiedTime().toMillis();
        FileEntry entry;
        if (attrs.size() <= MAX_CACHED_BYTES) {
            entry = FileEntry.inMemory(relative, Files.readAllBytes(file), mtime);
        } else {
            MessageDigest sha256 = FileEntry.sha256();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha256.update(buffer, 0, n);
                }
            }
            String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
            entry = new FileEntry.OnDisk(file, attrs.size(), FileEntry.tag(hash), mtime / 1000, FileEntry.httpDate(mtime), null);
        }
        // The file's size, not the body's (registry.json's differs): it identifies the file version.
        return new Known(attrs.fileKey(), attrs.size(), mtime, entry);
    }

    private static boolean same(Known k, BasicFileAttributes a) {
        return Objects.equals(k.fileKey(), a.fileKey()) && k.size() == a.size() && k.mtimeMillis() == a.lastModifiedTime().toMillis();
    }
}
