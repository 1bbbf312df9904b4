package io.cocoatly.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an {@link IOException} says, as the words of an error message: the path it concerns and the
 * reason ("No space left on device", "permission denied").
 *
 * <p>Why this exists: {@link FileSystemException#getMessage()} is just the path when the JDK had no
 * reason text to add, which is the case for {@link AccessDeniedException} and
 * {@link NoSuchFileException}, so messages built from it named the path but not what went wrong.
 */
final class IoFailures {

    private IoFailures() {
    }

    /** The reason alone, never the path: the OS's text, or what the exception's type means. */
    static String reason(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) t;
            if (f.getReason() != null && !f.getReason().isBlank()) {
                return f.getReason();
            }
            if (f instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (f instanceof NoSuchFileException) {
                return "no such file or directory";
            }
            if (f instanceof DirectoryNotEmptyException) {
                return "directory not empty";
            }
            if (f instanceof FileAlreadyExistsException) {
                return "file exists";
            }
            if (f instanceof NotDirectoryException) {
                return "not a directory";
            }
            return f.getClass().getSimpleName();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /** The path the exception names, if it names one. */
    static Optional<Path> path(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof FileSystemException && ((FileSystemException) t).getFile() != null) {
            return Optional.of(Path.of(((FileSystemException) t).getFile()));
        }
        return Optional.empty();
    }

    /** {@code `path`: reason}, with {@code fallback} as the path when the exception names none. */
    static String describe(Throwable e, Path fallback) {
        return "`" + path(e).orElse(fallback) + "`: " + reason(e);
    }

    /** Whether the file system ran out of space (or of inodes, which Linux reports the same way). */
    static boolean isDiskFull(Throwable e) {
        return reason(e).toLowerCase(java.util.Locale.ROOT).contains("no space left on device");
    }
}
