package io.cocoatly.installer;

import io.cocoatly.artifact.StagingFiles;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Deleting installed files safely: only the paths recorded in the state, only inside the package's
 * own directory, never through a symbolic link (a link found where a directory was recorded is a
 * tampered tree and stops the walk into it).
 */
final class PackageFiles {

    private PackageFiles() {
    }

    /**
     * Removes the files {@code pkg} recorded, then its directory and its {@code <name>} directory if
     * they are left empty. Files not recorded are left alone (recovery deals with them).
     *
     * @throws CocoatlyException code {@code unsafe-install-path} if the recorded install path is not
     *     a {@code <name>/<version>} directory inside {@code installDir}
     */
    static void removeRecorded(StatePackage pkg, Path installDir) {
        Path root = pkg.installPath().normalize();
        Path expected = installDir.toAbsolutePath().normalize().resolve(pkg.name().value()).resolve(pkg.version().toString());
        if (!root.equals(expected)) {
            throw new CocoatlyException(ErrorKind.FAILED, "unsafe-install-path", "`" + pkg.id() + "` is recorded at `" + root
                    + "`, outside its place in the install directory: `" + expected + "`",
                    List.of("nothing was deleted; remove the files by hand if they are really Cocoatly's"));
        }
        List<StateFileEntry> deepestFirst = new ArrayList<>(pkg.files());
        deepestFirst.sort(Comparator.comparing(StateFileEntry::path).reversed());
        try {
            for (StateFileEntry f : deepestFirst) {
                Path p = root.resolve(f.path());
                if (!p.normalize().startsWith(root) || throughSymlink(root, f.path())) {
                    continue;
                }
                if (f instanceof StateFileEntry.Directory) {
                    deleteIfEmpty(p);
                } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
            deleteIfEmpty(root);
            deleteIfEmpty(root.getParent());
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "remove-failed", "cannot remove the files of `" + pkg.id() + "`: " + IoFailures.describe(e, root),
                    List.of("the state no longer lists it; the next cocoatly run removes what is left"), e);
        }
    }

    // Whether a parent of `relative` inside `root` is a symbolic link (deleting through it would
    // delete outside the package).
    private static boolean throughSymlink(Path root, String relative) {
        Path p = root;
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            p = p.resolve(parts[i]);
            if (Files.isSymbolicLink(p)) {
                return true;
            }
        }
        return false;
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.delete(dir);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // Something unrecorded is still in it, or it is gone already: leave it.
        }
    }

    /** Deletes a directory tree this run created (staging, a replaced copy); links are removed, not followed. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        StagingFiles.deleteContents(dir);
        try {
            // A link in place of the tree was removed as a file already.
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
