package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Chooses what of a package directory goes into its archive: everything except names that start
 * with a dot, at any depth ({@code .git}, {@code .DS_Store}, editor swap files), which are
 * repository or machine state rather than package content, and the registry and key being used
 * when they sit inside the package directory. The chosen files are copied into a
 * staging directory that the archive packer then reads; symlinks and special files are copied as
 * they are, so the packer refuses them with its own rule.
 */
final class PackageFiles {

    private PackageFiles() {
    }

    /** Whether a file or directory name is left out of every package. */
    static boolean excluded(String name) {
        return name.startsWith(".");
    }

    /**
     * Copies the publishable tree of {@code source} into the empty directory {@code staging},
     * keeping each file's permissions (the packer reads the owner-execute bit). Paths in
     * {@code leaveOut} (compared by real path) are skipped too: a registry or a private key kept
     * inside the package directory must never end up in the archive.
     */
    static void stage(Path source, Path staging, Set<Path> leaveOut) {
        Set<Path> skipped = new HashSet<>();
        for (Path p : leaveOut) {
            try {
                skipped.add(p.toRealPath());
            } catch (IOException e) {
                // Not there, so not in the tree either.
                continue;
            }
        }
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(source) && (excluded(dir.getFileName().toString())
                            || skipped.contains(dir.toRealPath()))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(staging.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    // A directory everything of which was left out (the members below a workspace root's
                    // own package) is left out too; one that is empty in the package stays.
                    Path staged = staging.resolve(source.relativize(dir).toString());
                    if (!dir.equals(source) && isEmpty(staged) && !isEmpty(dir)) {
                        Files.delete(staged);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    boolean skip = excluded(file.getFileName().toString())
                            || (attrs.isRegularFile() && skipped.contains(file.toRealPath()));
                    if (!skip) {
                        Files.copy(file, staging.resolve(source.relativize(file).toString()),
                                StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "package-unreadable", "cannot read package directory `" + source + "`: "
                    + e.getMessage(), List.of("check that every file in it is readable"), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Deletes a staging directory and everything in it; best effort, it lives in a temp location. */
    static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover in the temp directory harms nothing; the publish result matters more.
            return;
        }
    }
}
