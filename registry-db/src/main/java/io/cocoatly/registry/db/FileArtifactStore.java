package io.cocoatly.registry.db;

import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.DigestSink;
import io.cocoatly.json.FileModes;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ArtifactFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link ArtifactStore} in a directory: the archive of a release is the file
 * {@code <dir>/<name>/<name>-<version>.tar.gz}, so the directory can also be served as a registry's
 * {@code artifacts/} by any static web server.
 *
 * <p>A put copies the archive to a temp file in the package's directory (same file system), syncs
 * it to disk (artifacts are durable data, unlike a cache), and then publishes it under its key with a
 * hard link, which is atomic like a rename ({@code ATOMIC_MOVE}) but, unlike a rename, fails when the
 * key exists: two servers putting different bytes for one release at once cannot replace each other's
 * object, and the loser sees the winner's bytes. Where the file system has no hard links the put falls
 * back to an {@code ATOMIC_MOVE} after checking the key is free, which leaves that race open. Then the
 * directory is synced, so the new name survives a power cut. A reader sees no file or the whole
 * archive; a put that fails midway leaves no file at the key (a crash may leave a temp file named
 * {@code .<file>.<random>.tmp}, which {@link #list()} ignores).
 *
 * <p>Keys never leave the directory: names and versions are validated ({@link ArtifactKeys}), and a
 * package directory or an archive that is a symbolic link is refused, never followed.
 */
public final class FileArtifactStore implements ArtifactStore {

    /** Runs with the synced temp file just before it is published; tests fail a put there. */
    interface BeforePublish {
        /** Runs with the temp file about to be linked under its key. */
        void run(Path temp) throws IOException;
    }

    private final Path dir;
    private final BeforePublish beforePublish;

    /**
     * A store in {@code dir}, created on the first put if it does not exist.
     *
     * @param dir the directory; made absolute
     */
    public FileArtifactStore(Path dir) {
        this(dir, temp -> { });
    }

    FileArtifactStore(Path dir, BeforePublish beforePublish) {
        this.dir = dir.toAbsolutePath().normalize();
        this.beforePublish = Objects.requireNonNull(beforePublish, "beforePublish");
    }

    @Override
    public boolean put(PackageId id, Path archive) {
        String key = ArtifactKeys.key(id);
        Path target = file(key);
        try {
            if (regularFile(target).isPresent()) {
                return sameBytes(key, target, ArtifactStoreSupport.sha256(archive));
            }
            Path packageDir = target.getParent();
            Files.createDirectories(packageDir);
            refuseLink(packageDir);
            Path temp = Files.createTempFile(packageDir, "." + target.getFileName() + ".", ".tmp");
            try {
                String sha256 = copySynced(archive, temp);
                FileModes.set(temp, FileModes.shared());
                beforePublish.run(temp);
                if (!publish(temp, target)) {
                    return sameBytes(key, target, sha256);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            ArtifactStoreSupport.syncDirectory(packageDir);
            return true;
        } catch (IOException e) {
            throw ArtifactStoreErrors.failed(location(), "store `" + key + "`", e,
                    "check that the archive " + archive + " is readable, and " + dir + " writable with room to spare");
        }
    }

    @Override
    public Optional<ArtifactFile> file(PackageId id) {
        String key = ArtifactKeys.key(id);
        Path file = file(key);
        try {
            return regularFile(file).map(attrs -> new ArtifactFile.Local(id, file, etag(attrs),
                    attrs.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            throw readFailure(key, e);
        }
    }

    @Override
    public Optional<InputStream> open(PackageId id) {
        String key = ArtifactKeys.key(id);
        Path file = file(key);
        try {
            refuseLink(file.getParent());
            return Optional.of(Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw readFailure(key, e);
        }
    }

    @Override
    public boolean exists(PackageId id) {
        String key = ArtifactKeys.key(id);
        try {
            return regularFile(file(key)).isPresent();
        } catch (IOException e) {
            throw readFailure(key, e);
        }
    }

    @Override
    public void delete(PackageId id) {
        String key = ArtifactKeys.key(id);
        Path file = file(key);
        try {
            refuseLink(file.getParent());
            if (Files.deleteIfExists(file)) {
                ArtifactStoreSupport.syncDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw ArtifactStoreErrors.failed(location(), "delete `" + key + "`", e,
                    "check that " + dir + " is writable");
        }
    }

    @Override
    public List<PackageId> list() {
        List<PackageId> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> packages = Files.newDirectoryStream(dir)) {
            for (Path packageDir : packages) {
                if (!Files.isDirectory(packageDir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(packageDir)) {
                    for (Path file : files) {
                        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                            ArtifactKeys.release(packageDir.getFileName() + "/" + file.getFileName()).ifPresent(ids::add);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw ArtifactStoreErrors.failed(location(), "list its archives", e, "check that " + dir + " is readable");
        }
        ids.sort(null);
        return ids;
    }

    /** Where the store is, for messages: its directory, in backticks. */
    public String location() {
        return "`" + dir + "`";
    }

    /** Nothing to release: every operation opens and closes its own files. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "FileArtifactStore[" + dir + "]";
    }

    private Path file(String key) {
        Path file = dir.resolve(key).normalize();
        // Keys are validated to be two plain segments; this guards the rule, it never fires.
        if (!file.startsWith(dir) || file.getNameCount() != dir.getNameCount() + 2) {
            throw new IllegalStateException("an artifact key outside the store: " + key);
        }
        return file;
    }

    // The file's attributes if it is a regular file; empty if it does not exist. Links are refused.
    private Optional<BasicFileAttributes> regularFile(Path file) throws IOException {
        refuseLink(file.getParent());
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attrs.isRegularFile()) {
            throw new IOException(file + " is not a regular file");
        }
        return Optional.of(attrs);
    }

    private static void refuseLink(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new IOException(path + " is a symbolic link, which the store never follows");
        }
    }

    // Links the temp file under the key; false if something is there already (then nothing changed).
    private static boolean publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                throw new IOException("the file system of " + target.getParent() + " can neither link nor rename atomically",
                        notAtomic);
            }
            return true;
        }
    }

    private boolean sameBytes(String key, Path stored, String sha256) throws IOException {
        String storedSha256 = ArtifactStoreSupport.sha256(stored);
        if (!storedSha256.equals(sha256)) {
            throw ArtifactStoreErrors.otherBytes(location(), key, storedSha256, sha256);
        }
        return false;
    }

    // Copies and hashes in one read, so the digest is that of the bytes written; then syncs them.
    private static String copySynced(Path archive, Path temp) throws IOException {
        try (InputStream in = Files.newInputStream(archive);
             FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            DigestSink sink = DigestSink.tee(Set.of(DigestAlgorithm.SHA256), Channels.newOutputStream(out));
            in.transferTo(sink);
            out.force(true);
            return sink.checksums().get(DigestAlgorithm.SHA256).orElseThrow();
        }
    }

    // As nginx does: size and modification time. Strong, since an archive's bytes never change
    // under its key; a re-put after a delete gets a new time. No read of the file per request.
    private static String etag(BasicFileAttributes attrs) {
        return "\"" + Long.toHexString(attrs.lastModifiedTime().toMillis()) + "-" + Long.toHexString(attrs.size()) + "\"";
    }

    private RuntimeException readFailure(String key, IOException e) {
        return ArtifactStoreErrors.failed(location(), "read `" + key + "`", e, "check that " + dir + " is readable");
    }
}
