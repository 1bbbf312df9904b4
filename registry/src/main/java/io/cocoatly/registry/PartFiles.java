package io.cocoatly.registry;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The {@code artifacts/.publish-<digits>.part} files an archive is written through before
 * {@link RegistryEditor#addRelease(io.cocoatly.model.Release, Path)} moves it into place: their one
 * name pattern, their removal when the process is stopped (Ctrl-C, {@code kill}) with one still
 * open, and the removal of those a dead publisher left.
 *
 * <p>A part file is only ever created and used under the registry's lock (an {@link RegistryEditor}
 * holds it from open to close), so whatever part file an editor finds right after taking the lock
 * was left by an earlier holder that died with it open ({@code kill -9}, a power cut): nobody can
 * still be writing it.
 */
final class PartFiles {

    /** Exactly what {@code Files.createTempFile(dir, ".publish-", ".part")} names; nothing else is touched. */
    private static final Pattern NAME = Pattern.compile("\\.publish-[0-9]+\\.part");

    // The part files of this process that are still open; a shutdown hook deletes what is left, since
    // an interrupted JVM runs its hooks but not the interrupted thread's finally blocks.
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private PartFiles() {
    }

    /** A new empty part file in {@code artifactsDir}, deleted at exit if still there then. */
    static Path create(Path artifactsDir) throws IOException {
        Files.createDirectories(artifactsDir);
        hookOnce();
        Path file = Files.createTempFile(artifactsDir, ".publish-", ".part");
        OPEN.add(file);
        return file;
    }

    /** The part file is gone (moved into place or deleted): nothing is left to clean up at exit. */
    static void forget(Path file) {
        OPEN.remove(file);
    }

    /** Deletes a part file if it is still there and forgets it; a failure only leaves a file for {@link #removeLeftovers}. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // It stays registered, so the exit hook tries once more, and the next editor after that.
            return;
        }
        forget(file);
    }

    /**
     * Deletes every part file in {@code artifactsDir}; called right after the registry's lock is taken,
     * when they can only be leftovers of a dead publish.
     *
     * @return the files deleted, sorted
     */
    static List<Path> removeLeftovers(Path artifactsDir) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(artifactsDir, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(artifactsDir)) {
            for (Path p : entries) {
                if (NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                    removed.add(p);
                }
            }
        }
        removed.sort(null);
        return removed;
    }

    private static void hookOnce() {
        if (hooked) {
            return;
        }
        synchronized (PartFiles.class) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(PartFiles::delete),
                        "cocoatly-part-files"));
                hooked = true;
            }
        }
    }
}
