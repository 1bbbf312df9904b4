package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.server.ArtifactFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A test-only artifact store over a directory (the read branch's; the store branch writes the real ones). */
final class ReadTestArtifacts implements ArtifactStore {

    private final Path dir;

    ReadTestArtifacts(Path dir) {
        this.dir = dir;
    }

    private Path path(PackageId id) {
        return dir.resolve(RegistryEditor.artifactPath(id).substring("artifacts/".length()));
    }

    @Override
    public boolean put(PackageId id, Path archive) {
        try {
            Path target = path(id);
            boolean created = !Files.exists(target);
            Files.createDirectories(target.getParent());
            Files.copy(archive, target, StandardCopyOption.REPLACE_EXISTING);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<ArtifactFile> file(PackageId id) {
        Path file = path(id);
        return Files.isRegularFile(file) ? Optional.of(new ArtifactFile.Local(id, file, "\"" + id + "\"", Instant.EPOCH))
                : Optional.empty();
    }

    @Override
    public boolean exists(PackageId id) {
        return Files.isRegularFile(path(id));
    }

    @Override
    public void delete(PackageId id) {
        try {
            Files.deleteIfExists(path(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<PackageId> list() {
        throw new UnsupportedOperationException("not needed by the read branch's tests");
    }
}
