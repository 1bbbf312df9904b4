package io.cocoatly.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that readers, and a crash at any point, see either the old bytes or the new
 * ones, never a mix: a temp file in the same directory (same file system, so the rename is atomic),
 * fsync, rename, then fsync of the directory so the rename itself survives a power cut. Temp files are
 * named {@code .<name>.<random>.tmp} ({@link #isTempFileOf}), so leftovers can be recognised.
 */
public final class AtomicFiles {

    /** Called between the fsync and the rename; tests use it to fail at the worst moment. */
    public interface BeforeRename {
        /** Runs with the synced temp file that is about to be renamed. */
        void run(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Whether {@code candidate} is named like a temp file {@link #write} made for {@code target}. */
    public static boolean isTempFileOf(Path candidate, Path target) {
        String name = candidate.getFileName().toString();
        return name.startsWith("." + target.getFileName() + ".") && name.endsWith(".tmp");
    }

    /**
     * Replaces {@code target} with {@code bytes}; its directory must exist. The new file has
     * permissions {@code mode} (see {@link FileModes}) from the moment it appears under its name.
     *
     * @throws IOException if anything fails; the temp file is removed and {@code target} is untouched
     * @throws AtomicMoveNotSupportedException if the file system cannot rename atomically
     */
    public static void write(Path target, byte[] bytes, int mode) throws IOException {
        write(target, bytes, mode, temp -> { });
    }

    /** {@link #write(Path, byte[], int)} that runs {@code beforeRename} just before the rename. */
    public static void write(Path target, byte[] bytes, int mode, BeforeRename beforeRename) throws IOException {
        write(target, bytes, mode, beforeRename, true);
    }

    /**
     * {@link #write(Path, byte[], int)} without syncing to disk: atomic (readers see the old file or
     * the new one, whole) but not durable, so a crash of the machine may lose the new file or, rarely,
     * leave it empty. For caches only, whose entries are checked when read and fetched again when
     * missing or damaged: two syncs per entry made a cold registry cache several times slower
     * (docs/performance-registry.md).
     */
    public static void writeCacheEntry(Path target, byte[] bytes, int mode) throws IOException {
        write(target, bytes, mode, temp -> { }, false);
    }

    private static void write(Path target, byte[] bytes, int mode, BeforeRename beforeRename, boolean sync)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        // Created owner-only, so nobody reads it half-written; it gets its mode before it is renamed.
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (sync) {
                    channel.force(true);
                }
            }
            FileModes.set(temp, mode);
            beforeRename.run(temp);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        if (sync) {
            syncDirectory(dir);
        }
    }

    /**
     * Moves {@code source} (on the same file system) to {@code target} after syncing its bytes and
     * setting its permissions to {@code mode}, replacing whatever is there; creates the target's
     * directory if needed.
     */
    public static void moveInto(Path source, Path target, int mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        FileModes.set(source, mode);
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    // Opening a directory for reading works on Linux and macOS; elsewhere (Windows) the rename is
    // already as durable as the platform allows, so failing to sync the directory is not an error.
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            return;
        }
    }
}
