package io.cocoatly.installer;

import io.cocoatly.artifact.Checksums;
import io.cocoatly.model.PackageId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A verified artifact in the cache.
 *
 * @param id        its package
 * @param file      the cache file; treat it as read-only
 * @param size      its size in bytes
 * @param checksums every digest the artifact names, as computed from the bytes
 * @param fromCache true if no download was needed
 * @param attempts  HTTP attempts made (0 for a cache hit)
 */
public record DownloadedArtifact(PackageId id, Path file, long size, Checksums checksums, boolean fromCache,
                                 int attempts) {

    public DownloadedArtifact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(checksums, "checksums");
    }
}
