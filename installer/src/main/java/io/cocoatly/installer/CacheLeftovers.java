package io.cocoatly.installer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes downloads that a crash left in {@code <cache>/tmp/}. The cache is shared by every
 * installation (the global one and each project's), and each has its own lock, so a part file may
 * belong to a download running right now in another process: only files untouched for
 * {@link #MAX_AGE} are removed (a running download writes, and so touches its file, continuously).
 */
final class CacheLeftovers {

    static final Duration MAX_AGE = Duration.ofHours(6);

    private CacheLeftovers() {
    }

    /** @return the files removed; files that cannot be removed are left for a later run */
    static List<Path> remove(Path cacheDir, Instant now) {
        List<Path> removed = new ArrayList<>();
        for (Path p : stale(cacheDir, now)) {
            try {
                Files.delete(p);
                removed.add(p);
            } catch (IOException e) {
                // Gone already, or not ours to delete: a later run tries again.
            }
        }
        return removed;
    }

    /** The part files untouched for {@link #MAX_AGE}, which {@link #remove} would remove. */
    static List<Path> stale(Path cacheDir, Instant now) {
        List<Path> stale = new ArrayList<>();
        for (Path p : parts(cacheDir)) {
            try {
                if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(now.minus(MAX_AGE))) {
                    stale.add(p);
                }
            } catch (IOException e) {
                // Gone meanwhile: its download finished.
            }
        }
        return stale;
    }

    /** Every part file in {@code <cache>/tmp/}, running downloads' included. */
    static List<Path> parts(Path cacheDir) {
        List<Path> parts = new ArrayList<>();
        Path tmp = cacheDir.resolve("tmp");
        if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
            return parts;
        }
        try (DirectoryStream<Path> found = Files.newDirectoryStream(tmp, "download-*.part")) {
            for (Path p : found) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    parts.add(p);
                }
            }
        } catch (IOException e) {
            // An unreadable cache tmp dir only costs disk space; the install itself does not need it.
        }
        parts.sort(null);
        return parts;
    }
}
