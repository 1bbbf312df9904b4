package io.cocoatly.installer;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of an installed package's file list, as recorded at install time so {@code verify} can
 * re-check it and {@code uninstall} remove exactly it. Paths are relative to the package's install
 * path, {@code /}-separated, and can never point outside it (no {@code ..}, no leading {@code /}).
 */
public sealed interface StateFileEntry extends Comparable<StateFileEntry>
        permits StateFileEntry.Regular, StateFileEntry.Symlink, StateFileEntry.Directory {

    /** The relative path inside the package. */
    String path();

    @Override
    default int compareTo(StateFileEntry o) {
        return path().compareTo(o.path());
    }

    /** A regular file with its size, permission bits and SHA-256. */
    record Regular(String path, long size, int mode, String sha256) implements StateFileEntry {

        static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

        public Regular {
            checkPath(path);
            checkMode(mode);
            Objects.requireNonNull(sha256, "sha256");
            if (size < 0) {
                throw new IllegalArgumentException("negative size for " + path);
            }
            if (!SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("not a lowercase hex SHA-256 for " + path + ": " + sha256);
            }
        }
    }

    /** A symbolic link and its target as written in the archive (relative, inside the package). */
    record Symlink(String path, String target) implements StateFileEntry {
        public Symlink {
            checkPath(path);
            Objects.requireNonNull(target, "target");
            if (target.isEmpty()) {
                throw new IllegalArgumentException("empty symlink target for " + path);
            }
        }
    }

    /** A directory with its permission bits (recorded so empty directories are known too). */
    record Directory(String path, int mode) implements StateFileEntry {
        public Directory {
            checkPath(path);
            checkMode(mode);
        }
    }

    /**
     * Why {@code path} is not a safe relative path inside a package, or null if it is: it must be
     * non-empty, relative, {@code /}-separated, without {@code .}, {@code ..} or empty components,
     * backslashes, NUL or a drive letter.
     */
    static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "a path must not be empty";
        }
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0 || hasDriveLetter(path)) {
            return "expected a relative path with `/` separators";
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return "`.`, `..` and empty components are not allowed";
            }
        }
        return null;
    }

    /**
     * Whether {@code path} starts like {@code C:}, a Windows drive. Checked by hand, not with
     * {@code String.matches}, which compiles its pattern on every call: this runs for every file of
     * every package each time {@code state.json} is read.
     */
    private static boolean hasDriveLetter(String path) {
        if (path.length() < 2 || path.charAt(1) != ':') {
            return false;
        }
        char c = path.charAt(0);
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static void checkPath(String path) {
        String problem = pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException(problem + ": " + path);
        }
    }

    private static void checkMode(int mode) {
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
        }
    }
}
