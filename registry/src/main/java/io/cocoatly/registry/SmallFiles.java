package io.cocoatly.registry;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole small file: a manifest, an index file. Through {@code java.io} on the default file
 * system, which opens and reads with fewer layers than {@link Files#readAllBytes}: reading the 200
 * manifests of a workspace took 11 ms that way and 6.6 ms this way, in a process that has not
 * compiled either yet (docs/workspaces.md, "Figures").
 */
final class SmallFiles {

    private SmallFiles() {
    }

    /**
     * The file's bytes.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such file, and every other
     *     {@link IOException} as {@link Files#readAllBytes} throws it
     */
    static byte[] read(Path file) throws IOException {
        if (file.getFileSystem() != FileSystems.getDefault()) {
            return Files.readAllBytes(file);
        }
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            // java.io says "not found" alike for a missing file, a directory and one it may not read;
            // NIO tells them apart (NoSuchFileException, AccessDeniedException), and callers rely on it.
            return Files.readAllBytes(file);
        }
    }
}
