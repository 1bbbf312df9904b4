package io.cocoatly.registry.server;

import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The read protocol's files from a {@link RegistryFiles}. The source is asked on every request and
 * answers from its own memory; what the server makes of a file (the bytes in direct buffers, their
 * content hash, their gzip form) is kept here by path and remade only when the source's ETag or
 * modification time changes, so once per content version. The tag sent is the content hash of the
 * bytes served, as for a directory: the same file gets the same ETag from either kind of server.
 * Small local artifacts are kept the same way; other artifacts are the source's entries turned into
 * the server's.
 */
final class RegistryFilesSource implements FileSource {

    private static final long MAX_CACHE_TOTAL = 64L << 20;

    private final RegistryFiles files;
    private final EntryCache<Known> known = new EntryCache<>(MAX_CACHE_TOTAL);

    /** The entry made of one version of a file, known by the tag and time the source gave it. */
    private record Known(String sourceEtag, Instant lastModified, FileEntry.InMemory entry) {
    }

    RegistryFilesSource(RegistryFiles files) {
        this.files = Objects.requireNonNull(files, "files");
    }

    @Override
    public FileEntry find(String relative) throws IOException {
        if (relative.startsWith("artifacts/")) {
            Optional<ArtifactFile> artifact = files.artifact(relative);
            if (artifact.isPresent() && artifact.get() instanceof ArtifactFile.Local local) {
                return local(relative, local);
            }
            return artifact.isEmpty() ? null : entry(artifact.get());
        }
        Optional<ServedFile> found = files.file(relative);
        if (found.isEmpty()) {
            return null;
        }
        ServedFile file = found.get();
        Known cached = known.get(relative);
        if (cached != null && cached.sourceEtag().equals(file.etag()) && cached.lastModified().equals(file.lastModified())) {
            return cached.entry();
        }
        FileEntry.InMemory entry = FileEntry.inMemory(relative, file.bytes(), file.lastModified().toEpochMilli());
        known.put(relative, new Known(file.etag(), file.lastModified(), entry), entry.footprint());
        return entry;
    }

    @Override
    public void downloaded(PackageId id, String clientAddress, String userAgent) {
        files.downloaded(id, clientAddress, userAgent);
    }

    /**
     * A local artifact: a small one held in memory once per stored version, as the directory source
     * holds its small files (artifacts never change, so its tag and time say when it is another
     * file), which also gives it the same content-hash ETag as from a directory; a large one read
     * from disk on every request. Null if the file is gone.
     */
    private FileEntry local(String relative, ArtifactFile.Local local) throws IOException {
        Known cached = known.get(relative);
        if (cached != null && cached.sourceEtag().equals(local.etag()) && cached.lastModified().equals(local.lastModified())) {
            return cached.entry();
        }
        long size;
        try {
            size = Files.size(local.file());
        } catch (NoSuchFileException e) {
            return null;
        }
        if (size > DirectoryFiles.MAX_CACHED_BYTES) {
            return entry(local);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(local.file());
        } catch (NoSuchFileException e) {
            return null;
        }
        FileEntry.InMemory entry = FileEntry.inMemory(relative, bytes, local.lastModified().toEpochMilli()).counting(local.id());
        known.put(relative, new Known(local.etag(), local.lastModified(), entry), entry.footprint());
        return entry;
    }

    /** The server's entry for an artifact; null if a local file the source named is gone. */
    private static FileEntry entry(ArtifactFile artifact) throws IOException {
        if (artifact instanceof ArtifactFile.Local local) {
            long size;
            try {
                size = Files.size(local.file());
            } catch (NoSuchFileException e) {
                return null;
            }
            long millis = local.lastModified().toEpochMilli();
            return new FileEntry.OnDisk(local.file(), size, local.etag(), millis / 1000, FileEntry.httpDate(millis), local.id());
        }
        if (artifact instanceof ArtifactFile.Streamed streamed) {
            long millis = streamed.lastModified().toEpochMilli();
            return new FileEntry.Opened(streamed.body(), streamed.size(), streamed.etag(), millis / 1000,
                    FileEntry.httpDate(millis), streamed.id());
        }
        if (artifact instanceof ArtifactFile.Redirect redirect) {
            return new FileEntry.Redirected(redirect.location(), redirect.id());
        }
        throw new AssertionError(artifact);
    }
}
