package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ArtifactFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The real {@link FileArtifactStore} with a hook that runs after each put, so that a test can make
 * the database fail between storing an archive and committing.
 */
final class WriteTestArtifacts implements ArtifactStore {

    private final FileArtifactStore store;
    private volatile Consumer<PackageId> afterPut = id -> { };

    WriteTestArtifacts(Path dir) {
        this.store = new FileArtifactStore(dir);
    }

    /** Runs {@code hook} after every put from now on. */
    void afterPut(Consumer<PackageId> hook) {
        this.afterPut = hook;
    }

    @Override
    public boolean put(PackageId id, Path archive) {
        boolean created = store.put(id, archive);
        afterPut.accept(id);
        return created;
    }

    @Override
    public Optional<ArtifactFile> file(PackageId id) {
        return store.file(id);
    }

    @Override
    public boolean exists(PackageId id) {
        return store.exists(id);
    }

    @Override
    public void delete(PackageId id) {
        store.delete(id);
    }

    @Override
    public List<PackageId> list() {
        return store.list();
    }
}
