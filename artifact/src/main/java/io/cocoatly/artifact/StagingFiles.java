package io.cocoatly.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * File-system helpers for staging directories that never follow a symlink.
 *
 * <p>Only {@link #deleteContents} is public: the installer removes its staging directories, and
 * trees it replaced, with the same walk extraction uses to empty a refused package, so that every
 * tree Cocoatly deletes is deleted without following a link out of it. The rest serves extraction.
 */
public final class StagingFiles {

    private StagingFiles() {
    }

    /** Throws unless {@code dir} is an existing, empty, real directory. */
    static void requireEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("staging must be an existing directory (not a symlink): " + dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isPresent()) {
                throw new IllegalArgumentException("staging must be empty: " + dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes everything inside {@code dir}, keeping {@code dir}; symlinks are removed, never followed.
     *
     * @throws UncheckedIOException if something cannot be deleted; what was deleted stays deleted
     */
    public static void deleteContents(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    if (!d.equals(dir)) {
                        Files.delete(d);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The normalised mode of a file: 0755 if anyone may execute it, else 0644. */
    static int fileMode(int mode) {
        return (mode & 0111) != 0 ? 0755 : 0644;
    }
}
