package io.cocoatly.artifact;

import io.cocoatly.json.FileModes;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Extracts a package's {@code .tar.gz} into an empty staging directory, refusing the whole package
 * if any entry breaks an {@link ArchiveRule}.
 *
 * <p>Only gzip-compressed tar is read, with the gzip and tar readers named explicitly: there is no
 * format detection an attacker could steer. The archive is read whole or refused (rule
 * {@code malformed-archive}): every gzip member, every header checksum, the end-of-archive blocks,
 * and nothing but zeros after them ({@code TarReader}). Every decision (names, collisions, links,
 * limits) is made against the archive's own entries in memory ({@link ArchiveTree}); the file
 * system is only written, with {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}, into paths whose
 * every parent is a directory this extraction created. Symlinks are created but never followed.
 */
public final class ArchiveExtractor {

    private static final Set<DigestAlgorithm> SHA256 = EnumSet.of(DigestAlgorithm.SHA256);

    private final ExtractionLimits limits;

    /** An extractor that refuses any archive beyond {@code limits}; it holds no other state and may be shared. */
    public ArchiveExtractor(ExtractionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Extracts {@code archive} (the verified artifact of {@code id}) into {@code staging}.
     *
     * @param staging an existing, empty directory on the file system of the install root
     * @return every extracted path with its size, sha256 and mode
     * @throws ArchiveException naming the entry and the rule if the archive is refused; staging is
     *                          then emptied again, so nothing of the package is kept
     * @throws IllegalArgumentException if {@code staging} is not an empty directory
     * @throws UncheckedIOException if reading the archive file or writing staging fails for another reason
     *     (a full disk, a permission); writing failures carry a {@link java.nio.file.FileSystemException}
     *     that names the staging path being written and the OS's reason
     */
    public ExtractedPackage extract(PackageId id, Path archive, Path staging) {
        StagingFiles.requireEmptyDirectory(staging);
        try {
            return new Run(id.toString(), staging).extract(archive);
        } catch (RuntimeException e) {
            try {
                StagingFiles.deleteContents(staging);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** One extraction; holds its state so the steps read as small methods. */
    private final class Run {
        private final String label;
        private final Path staging;
        private final ArchiveTree tree = new ArchiveTree();
        private final Map<String, ExtractedFile> files = new LinkedHashMap<>();
        private final byte[] buffer = new byte[64 * 1024];
        private long written;
        // The staging path being written, so a write failure without a path (a plain
        // `IOException: No space left on device` from write()) can still name it.
        private Path writing;

        Run(String label, Path staging) {
            this.label = label;
            this.staging = staging;
        }

        ExtractedPackage extract(Path archive) {
            try (InputStream raw = Files.newInputStream(archive)) {
                TarReader tar;
                try {
                    tar = new TarReader(raw, limits);
                } catch (IOException e) {
                    throw new ArchiveException(label, "#0", ArchiveRule.MALFORMED_ARCHIVE, "not gzip: " + e.getMessage(), e);
                }
                readEntries(tar);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                tree.checkSymlinks();
            } catch (ArchiveTree.SymlinkViolation v) {
                throw new ArchiveException(label, v.link, v.violation.rule(), v.violation.detail());
            }
            List<ExtractedFile> list = new ArrayList<>(files.values());
            list.sort(Comparator.comparing(ExtractedFile::path));
            return new ExtractedPackage(list, written);
        }

        private void readEntries(TarReader tar) throws IOException {
            int index = 0;
            while (true) {
                String position = "#" + (index + 1);
                TarArchiveEntry entry;
                try {
                    entry = tar.next();
                } catch (IOException | RuntimeException e) {
                    throw readFailure(position, e);
                }
                if (entry == null) {
                    return;
                }
                index++;
                String name = entry.getName();
                try {
                    if (index > limits.maxEntries()) {
                        throw new RuleViolation(ArchiveRule.TOO_MANY_ENTRIES, "more than " + limits.maxEntries()
                                + " entries");
                    }
                    handle(entry, tar);
                } catch (RuleViolation v) {
                    throw new ArchiveException(label, name, v.rule(), v.detail());
                } catch (ReadFailure f) {
                    throw readFailure(name, f.getCause());
                } catch (IOException e) {
                    throw new UncheckedIOException(writeFailure(e));
                }
            }
        }

        private void handle(TarArchiveEntry entry, TarReader tar) throws IOException {
            if (entry.isGlobalPaxHeader()) {
                drain(tar);
                return;
            }
            EntryType type = EntryType.of(entry);
            if (type == EntryType.SPECIAL) {
                throw new RuleViolation(ArchiveRule.SPECIAL_FILE, "a " + EntryType.describeSpecial(entry));
            }
            if (type == EntryType.UNSUPPORTED) {
                throw new RuleViolation(ArchiveRule.UNSUPPORTED_ENTRY, "tar type flag `"
                        + EntryNames.display(String.valueOf((char) entry.getLinkFlag())) + "`"
                        + (entry.isSparse() ? " (sparse file)" : ""));
            }
            List<String> components = EntryNames.components(entry.getName(), limits.maxPathBytes(), limits.maxDepth());
            if (components.isEmpty()) {
                if (type != EntryType.DIRECTORY) {
                    throw new RuleViolation(ArchiveRule.EMPTY_NAME, "the name names the package root");
                }
                drain(tar);
                return;
            }
            String path = String.join("/", components);
            for (String parent : tree.parentsToCreate(components)) {
                createDirectory(parent);
            }
            switch (type) {
                case DIRECTORY:
                    if (tree.register(path, ArchiveTree.Kind.DIRECTORY, null)) {
                        createDirectory(path);
                    }
                    drain(tar);
                    break;
                case FILE:
                    tree.register(path, ArchiveTree.Kind.FILE, null);
                    writeFile(path, tar, entry.getSize(), StagingFiles.fileMode(entry.getMode()));
                    break;
                case SYMLINK:
                    String target = entry.getLinkName();
                    ArchiveTree.checkLinkTarget(components, target);
                    int targetBytes = target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    if (targetBytes > limits.maxPathBytes()) {
                        throw new RuleViolation(ArchiveRule.PATH_TOO_LONG, "the symlink target is " + targetBytes
                                + " bytes, the limit is " + limits.maxPathBytes());
                    }
                    tree.register(path, ArchiveTree.Kind.SYMLINK, target);
                    writing = resolve(path);
                    Files.createSymbolicLink(resolve(path), staging.getFileSystem().getPath(target));
                    files.put(path, ExtractedFile.symlink(path, target));
                    drain(tar);
                    break;
                case HARDLINK:
                    String source = hardlinkSource(entry.getLinkName());
                    tree.register(path, ArchiveTree.Kind.FILE, null);
                    copyFile(source, path);
                    drain(tar);
                    break;
                default:
                    throw new AssertionError(type);
            }
        }

        private IOException writeFailure(IOException e) {
            if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getFile() != null
                    || writing == null) {
                return e;
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            java.nio.file.FileSystemException named = new java.nio.file.FileSystemException(writing.toString(), null, reason);
            named.initCause(e);
            return named;
        }

        private String hardlinkSource(String linkName) {
            List<String> target;
            try {
                target = EntryNames.components(linkName, limits.maxPathBytes(), limits.maxDepth());
            } catch (RuleViolation v) {
                throw new RuleViolation(ArchiveRule.HARDLINK_TARGET, "the target `" + EntryNames.display(linkName)
                        + "` is not a valid name (" + v.rule().id() + ": " + v.detail() + ")");
            }
            String path = String.join("/", target);
            if (!tree.isFile(path)) {
                throw new RuleViolation(ArchiveRule.HARDLINK_TARGET, "the target `" + EntryNames.display(linkName)
                        + "` is not an earlier regular file of this package");
            }
            return path;
        }

        private void createDirectory(String path) throws IOException {
            Path dir = resolve(path);
            writing = dir;
            Files.createDirectory(dir);
            FileModes.set(dir, 0755);
            files.put(path, ExtractedFile.directory(path));
        }

        private void writeFile(String path, TarReader tar, long size, int mode) throws IOException {
            if (size < 0 || written + size > limits.maxTotalBytes()) {
                throw totalSize(size);
            }
            Path file = resolve(path);
            writing = file;
            long copied = 0;
            DigestSink sink;
            try (OutputStream out = createNew(file)) {
                sink = DigestSink.tee(SHA256, out);
                int n;
                while ((n = read(tar)) >= 0) {
                    copied += n;
                    if (copied > size) {
                        throw new ReadFailure(new IOException("entry data longer than its header says"));
                    }
                    sink.write(buffer, 0, n);
                }
            }
            if (copied != size) {
                throw new ReadFailure(new IOException("entry data ends after " + copied + " of " + size + " bytes"));
            }
            written += size;
            FileModes.set(file, mode);
            files.put(path, ExtractedFile.file(path, size, sink.checksums().get(DigestAlgorithm.SHA256).orElseThrow(),
                    mode));
        }

        private void copyFile(String source, String path) throws IOException {
            ExtractedFile original = files.get(source);
            if (written + original.size() > limits.maxTotalBytes()) {
                throw totalSize(original.size());
            }
            Path file = resolve(path);
            writing = file;
            try (InputStream in = Files.newInputStream(resolve(source), LinkOption.NOFOLLOW_LINKS);
                 OutputStream out = createNew(file)) {
                in.transferTo(out);
            }
            written += original.size();
            FileModes.set(file, original.mode());
            files.put(path, ExtractedFile.file(path, original.size(), original.sha256().orElseThrow(), original.mode()));
        }

        /** Reads and discards the rest of an entry's data, counting it against the total size. */
        private void drain(TarReader tar) {
            int n;
            while ((n = read(tar)) >= 0) {
                if (written + n > limits.maxTotalBytes()) {
                    throw totalSize(n);
                }
                written += n;
            }
        }

        private int read(TarReader tar) {
            try {
                return tar.read(buffer, 0, buffer.length);
            } catch (ReadRefusal e) {
                throw e.violation;
            } catch (IOException | RuntimeException e) {
                throw new ReadFailure(e);
            }
        }

        private RuleViolation totalSize(long more) {
            return new RuleViolation(ArchiveRule.TOTAL_SIZE, "another " + more + " bytes after " + written
                    + " would pass the limit of " + limits.maxTotalBytes());
        }

        private OutputStream createNew(Path file) throws IOException {
            return Channels.newOutputStream(Files.newByteChannel(file, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)));
        }

        private Path resolve(String path) {
            Path p = staging;
            for (String c : path.split("/")) {
                p = p.resolve(c);
            }
            return p;
        }

        private ArchiveException readFailure(String entry, Throwable e) {
            ReadRefusal refusal = ReadRefusal.find(e);
            if (refusal != null) {
                return new ArchiveException(label, entry, refusal.violation.rule(), refusal.violation.detail());
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            // The reader's message may quote the archive's bytes; never print them raw.
            return new ArchiveException(label, entry, ArchiveRule.MALFORMED_ARCHIVE, EntryNames.display(why), e);
        }
    }

    /** A failure to read the archive (as opposed to writing staging), reported as malformed. */
    private static final class ReadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadFailure(Throwable cause) {
            super(cause);
        }
    }
}
