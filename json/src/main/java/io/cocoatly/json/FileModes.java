package io.cocoatly.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The POSIX permissions of the files Cocoatly writes, as mode bits such as {@code 0644}.
 *
 * <p>Files that others read (a registry's {@code registry.json}, index files and artifacts, which a
 * web server running as another user serves; lockfiles; {@code global.json}; public keys) get
 * {@link #shared()}, the mode any new file gets under the process umask. Secrets (private keys,
 * credentials, tokens) get {@link #OWNER_ONLY}. Every writer names one of the two, because the
 * temp files that atomic writes go through are created owner-only ({@code Files.createTempFile}),
 * and a file renamed into place keeps its temp file's mode. On file systems without POSIX
 * permissions (Windows) setting a mode does nothing.
 */
public final class FileModes {

    /** Read and write for the owner only: {@code rw-------}, for secrets. */
    public static final int OWNER_ONLY = 0600;

    /** What Linux and macOS create a file with under the usual umask 022, when the umask cannot be found. */
    private static final int USUAL = 0644;

    private FileModes() {
    }

    /**
     * The mode a new file gets under this process's umask: {@code 0666 & ~umask}, {@code 0644}
     * under the usual umask 022. Java cannot read the umask, so it is measured once, by creating a
     * probe file without attributes in a fresh temp directory and reading its permissions; if that
     * fails, {@code 0644}.
     */
    public static int shared() {
        return Umask.SHARED;
    }

    /**
     * The mode of {@code file} if it exists (so an edited file keeps what its owner chose, say
     * {@code 0600} for a config file holding a proxy password), else {@link #shared()}.
     */
    public static int existingOrShared(Path file) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            return view == null || !Files.exists(file) ? shared() : bits(view.readAttributes().permissions());
        } catch (IOException e) {
            return shared();
        }
    }

    /**
     * The file an edit of {@code file} writes: the target of a symlink (a dotfiles repository links
     * its config into place; replacing the link by a file would cut it off), else {@code file}.
     *
     * @throws IOException if {@code file} is a symlink whose target does not exist
     */
    public static Path editTarget(Path file) throws IOException {
        return Files.isSymbolicLink(file) ? file.toRealPath() : file;
    }

    /**
     * Sets {@code file}'s permissions to {@code mode} exactly (the umask does not apply), without
     * following a symlink; does nothing where the file system has no POSIX permissions.
     *
     * @throws IOException if the permissions cannot be set
     */
    public static void set(Path file, int mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(permissions(mode));
        }
    }

    /**
     * The attributes that create a file in {@code dir} with {@code mode} from its first moment (the
     * umask may still narrow it), or none where the file system has no POSIX permissions. For
     * secrets: there is never a moment at which another user could open the file.
     */
    public static FileAttribute<?>[] createAttributes(Path dir, int mode) {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions(mode))};
    }

    /** The permission set of the mode bits {@code mode}, e.g. {@code 0644}; bits above {@code 0777} are ignored. */
    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] values = PosixFilePermission.values();
        // The enum runs OWNER_READ .. OTHERS_EXECUTE, i.e. from bit 8 down to bit 0.
        for (int i = 0; i < values.length; i++) {
            if ((mode & (1 << (values.length - 1 - i))) != 0) {
                s.add(values[i]);
            }
        }
        return s;
    }

    /** The mode bits of {@code permissions}; the inverse of {@link #permissions(int)}. */
    public static int bits(Set<PosixFilePermission> permissions) {
        PosixFilePermission[] values = PosixFilePermission.values();
        int mode = 0;
        for (int i = 0; i < values.length; i++) {
            if (permissions.contains(values[i])) {
                mode |= 1 << (values.length - 1 - i);
            }
        }
        return mode;
    }

    /** Measured on first use only: the umask is the process's, it does not change per file. */
    private static final class Umask {
        static final int SHARED = measure();

        private static int measure() {
            try {
                Path dir = Files.createTempDirectory("cocoatly-umask-");
                Path probe = dir.resolve("probe");
                try {
                    return bits(Files.getPosixFilePermissions(Files.createFile(probe)));
                } finally {
                    Files.deleteIfExists(probe);
                    Files.delete(dir);
                }
            } catch (IOException | UnsupportedOperationException e) {
                return USUAL;
            }
        }
    }
}
