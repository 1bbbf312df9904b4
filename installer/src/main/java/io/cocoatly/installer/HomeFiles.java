package io.cocoatly.installer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic replacement of a file in the home: a temp file next to the target (same filesystem),
 * fsync, rename with {@code ATOMIC_MOVE}, fsync of the directory. Readers and a crash at any point
 * see the old bytes or the new ones. Temp files are named {@code .<name>.<random>.tmp}, which
 * {@link HomeRecovery} recognises as leftovers.
 */
final class HomeFiles {

    /** Called between the fsync and the rename; tests use it to fail at the worst moment. */
    interface BeforeRename {
        void run(Path temp) throws IOException;
    }

    private HomeFiles() {
    }

    static boolean isTempFileOf(Path candidate, Path target) {
        String name = candidate.getFileName().toString();
        return name.startsWith("." + target.getFileName() + ".") && name.endsWith(".tmp");
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        writeAtomically(target, bytes, temp -> { });
    }

    static void writeAtomically(Path target, byte[] bytes, BeforeRename beforeRename) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            beforeRename.run(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDirectory(dir);
    }

    // Directories can be opened for reading and synced on Linux and macOS; where they cannot
    // (Windows), the rename is as durable as the platform allows, so that is not an error.
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            return;
        }
    }
}
