package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ArtifactFile;
import io.cocoatly.registry.server.RegistryFiles;
import io.cocoatly.registry.server.ServedFile;
import java.util.Optional;

/**
 * The read protocol's files rendered from the database. (Skeleton: the read branch of issue 12 fills it in.)
 */
final class PostgresFiles implements RegistryFiles, AutoCloseable {

    private final Database database;
    private final ArtifactStore artifacts;
    private final DownloadCounter downloads;

    PostgresFiles(Database database, ArtifactStore artifacts, DownloadCounter downloads) {
        this.database = database;
        this.artifacts = artifacts;
        this.downloads = downloads;
    }

    @Override
    public Optional<ServedFile> file(String path) {
        throw new UnsupportedOperationException("issue 12: read branch");
    }

    @Override
    public Optional<ArtifactFile> artifact(String path) {
        throw new UnsupportedOperationException("issue 12: read branch");
    }

    @Override
    public void downloaded(PackageId id, String clientAddress, String userAgent) {
        downloads.count(id, clientAddress, userAgent);
    }

    @Override
    public void close() {
    }
}
