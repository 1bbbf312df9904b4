package io.cocoatly.artifact;

import io.cocoatly.json.FileModes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Packs a directory into a reproducible {@code .tar.gz} ({@code cocoatly publish}): the same tree
 * gives the same bytes, whoever packs it and whenever.
 *
 * <p>Entries are sorted by path; every mtime is 0, uid/gid 0, user and group names empty; modes are
 * 0755 for directories and for files anyone may execute, 0644 for other files; non-ASCII names go
 * into PAX headers as UTF-8. The gzip header carries mtime 0, OS "unknown" (255), no name and no
 * extra fields. Only regular files and directories are packed: a symlink or special file is refused
 * (rule {@code unpackable-file}), as is any name that extraction would refuse. Bytes are identical
 * for a given JDK's zlib; a different zlib may compress differently, which changes the digest but
 * not the content.
 */
public final class ArchivePacker {

    private ArchivePacker() {
    }

    /**
     * Packs {@code dir} into {@code target}, written to a temporary sibling first and renamed into
     * place, so {@code target} never holds a partial archive. The archive gets
     * {@link FileModes#shared()}: others download it.
     *
     * @throws ArchiveException if the tree holds something that cannot be packed
     * @throws IllegalArgumentException if {@code target} lies inside {@code dir}
     */
    public static void pack(Path dir, Path target) {
        Path absDir = dir.toAbsolutePath().normalize();
        Path absTarget = target.toAbsolutePath().normalize();
        if (absTarget.startsWith(absDir)) {
            throw new IllegalArgumentException("the archive must not be written inside the packed directory: "
                    + target);
        }
        Path parent = absTarget.getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + absTarget.getFileName(), ".part");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    pack(dir, out);
                }
                // The temp file is owner-only; an archive is published, for everyone to download.
                FileModes.set(tmp, FileModes.shared());
                Files.move(tmp, absTarget, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the archive of {@code dir} to {@code out}, which is not closed.
     *
     * @throws ArchiveException if the tree holds something that cannot be packed
     */
    public static void pack(Path dir, OutputStream out) {
        List<Item> items = list(dir);
        GzipParameters gzip = new GzipParameters();
        gzip.setModificationTime(0);
        gzip.setOperatingSystem(255);
        gzip.setCompressionLevel(Deflater.BEST_COMPRESSION);
        try {
            GzipCompressorOutputStream gz = new GzipCompressorOutputStream(new NonClosing(out), gzip);
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                for (Item item : items) {
                    write(tar, item);
                }
                tar.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Item(String name, Path file, boolean directory, boolean executable, long size) {
    }

    private static List<Item> list(Path dir) {
        String label = dir.toString();
        List<Item> items = new ArrayList<>();
        ArchiveTree tree = new ArchiveTree();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(dir)) {
                    continue;
                }
                String name = relativeName(dir, p);
                BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                try {
                    if (!attrs.isDirectory() && !attrs.isRegularFile()) {
                        throw new RuleViolation(ArchiveRule.UNPACKABLE_FILE, attrs.isSymbolicLink()
                                ? "a symlink; packages hold only regular files and directories"
                                : "a special file; packages hold only regular files and directories");
                    }
                    List<String> components = EntryNames.components(name, Integer.MAX_VALUE, Integer.MAX_VALUE);
                    tree.register(String.join("/", components), attrs.isDirectory()
                            ? ArchiveTree.Kind.DIRECTORY : ArchiveTree.Kind.FILE, null);
                } catch (RuleViolation v) {
                    throw ArchiveException.packing(label, name, v);
                }
                items.add(new Item(name, p, attrs.isDirectory(), !attrs.isDirectory() && executable(p), attrs.size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        items.sort((a, b) -> a.name.compareTo(b.name));
        return items;
    }

    private static void write(TarArchiveOutputStream tar, Item item) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(item.directory ? item.name + "/" : item.name);
        e.setModTime(0);
        e.setIds(0, 0);
        e.setUserName("");
        e.setGroupName("");
        e.setMode(item.directory ? 040755 : item.executable ? 0100755 : 0100644);
        e.setSize(item.directory ? 0 : item.size);
        tar.putArchiveEntry(e);
        if (!item.directory) {
            long copied;
            try (InputStream in = Files.newInputStream(item.file, LinkOption.NOFOLLOW_LINKS)) {
                copied = in.transferTo(tar);
            }
            if (copied != item.size) {
                throw new IOException("`" + item.file + "` changed size while being packed");
            }
        }
        tar.closeArchiveEntry();
    }

    private static String relativeName(Path dir, Path p) {
        List<String> parts = new ArrayList<>();
        for (Path c : dir.relativize(p)) {
            parts.add(c.toString());
        }
        return String.join("/", parts);
    }

    private static boolean executable(Path p) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return Files.isExecutable(p);
        }
        return view.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE);
    }

    /** Keeps the caller's stream open when the archive streams are closed. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
