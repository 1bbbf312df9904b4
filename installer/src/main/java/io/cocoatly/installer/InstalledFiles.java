package io.cocoatly.installer;

import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Checksums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares an installed package directory with the file list recorded at install time, for
 * {@code cocoatly verify}. Never follows a symbolic link: a link is compared by its target text.
 */
final class InstalledFiles {

    private InstalledFiles() {
    }

    static VerifyReport.PackageCheck check(StatePackage pkg) {
        Path root = pkg.installPath();
        Map<String, StateFileEntry> recorded = new HashMap<>();
        pkg.files().forEach(f -> recorded.put(f.path(), f));
        List<String> changed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (StateFileEntry f : pkg.files()) {
            Path p = root.resolve(f.path());
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                missing.add(f.path());
            } else if (!matches(f, p)) {
                changed.add(f.path());
            }
        }
        List<String> extra = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return new VerifyReport.PackageCheck(pkg.id(), changed, missing.isEmpty() ? List.of(".") : missing, extra);
        }
        walk(root, relative -> {
            if (!recorded.containsKey(relative)) {
                extra.add(relative);
            }
        });
        return new VerifyReport.PackageCheck(pkg.id(), changed, missing, extra);
    }

    private static boolean matches(StateFileEntry f, Path p) {
        try {
            if (f instanceof StateFileEntry.Regular) {
                StateFileEntry.Regular r = (StateFileEntry.Regular) f;
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) != r.size()) {
                    return false;
                }
                Optional<String> sha = Checksums.of(p, EnumSet.of(DigestAlgorithm.SHA256)).get(DigestAlgorithm.SHA256);
                return sha.equals(Optional.of(r.sha256()));
            }
            if (f instanceof StateFileEntry.Symlink) {
                return Files.isSymbolicLink(p)
                        && Files.readSymbolicLink(p).toString().equals(((StateFileEntry.Symlink) f).target());
            }
            if (f instanceof StateFileEntry.Directory) {
                return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            }
            throw new AssertionError(f);
        } catch (IOException e) {
            return false;
        }
    }

    private interface Visitor {
        void path(String relative);
    }

    // Every path under root, relative and /-separated; directories are reported and entered,
    // symbolic links reported but never entered.
    private static void walk(Path root, Visitor visitor) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root)) {
                        visitor.path(relative(root, dir));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    visitor.path(relative(root, file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }
}
