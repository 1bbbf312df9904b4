package io.cocoatly.artifact;

import java.util.Objects;
import java.util.Optional;

/**
 * One path of an extracted package, as recorded for {@code cocoatly verify}.
 *
 * @param path       relative to the package root, {@code /}-separated, canonical (no {@code .}, no trailing slash)
 * @param kind       what the path is
 * @param size       bytes of a file; 0 for directories and symlinks
 * @param sha256     lowercase hex SHA-256 of a file's contents; empty for directories and symlinks
 * @param mode       POSIX permission bits as extracted: 0755 or 0644 for files, 0755 for directories,
 *                   0777 for symlinks (whose own mode means nothing)
 * @param linkTarget a symlink's relative target; empty otherwise
 */
public record ExtractedFile(String path, Kind kind, long size, Optional<String> sha256, int mode,
                            Optional<String> linkTarget) {

    /** What an extracted path is. Hardlinks in the archive become independent regular files. */
    public enum Kind {
        /** A regular file, also one that was a hardlink in the archive. */
        FILE,
        /** A directory. */
        DIRECTORY,
        /** A symbolic link, created as it was and never followed. */
        SYMLINK
    }

    /** @throws IllegalArgumentException if a file has no sha256 or a symlink no target */
    public ExtractedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(linkTarget, "linkTarget");
        if (kind == Kind.FILE && sha256.isEmpty()) {
            throw new IllegalArgumentException("a file needs a sha256: " + path);
        }
        if (kind == Kind.SYMLINK && linkTarget.isEmpty()) {
            throw new IllegalArgumentException("a symlink needs a target: " + path);
        }
    }

    static ExtractedFile file(String path, long size, String sha256, int mode) {
        return new ExtractedFile(path, Kind.FILE, size, Optional.of(sha256), mode, Optional.empty());
    }

    static ExtractedFile directory(String path) {
        return new ExtractedFile(path, Kind.DIRECTORY, 0, Optional.empty(), 0755, Optional.empty());
    }

    static ExtractedFile symlink(String path, String target) {
        return new ExtractedFile(path, Kind.SYMLINK, 0, Optional.empty(), 0777, Optional.of(target));
    }
}
