package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.registry.server.ArtifactFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A tiny {@link ArtifactStore} over a temporary directory for the write branch's tests (the real
 * stores are the storage branch's), with a hook that runs after each put, so that a test can make
 * the database fail between storing an archive and committing.
 */
final class WriteTestArtifacts implements ArtifactStore {

    private final Path dir;
    private volatile Consumer<PackageId> afterPut = id -> { };

    WriteTestArtifacts(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code hook} after every put from now on. */
    void afterPut(Consumer<PackageId> hook) {
        this.afterPut = hook;
    }

    private Path path(PackageId id) {
        return dir.resolve(id.name().value()).resolve(id.name().value() + "-" + id.version() + ".tar.gz");
    }

    @Override
    public boolean put(PackageId id, Path archive) {
        Path target = path(id);
        try {
            Files.createDirectories(target.getParent());
            boolean created = !Files.exists(target);
            Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
            Files.copy(archive, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            afterPut.accept(id);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<ArtifactFile> file(PackageId id) {
        throw new UnsupportedOperationException("not needed by the write branch's tests");
    }

    @Override
    public boolean exists(PackageId id) {
        return Files.exists(path(id));
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
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tar.gz"))
                    .map(n -> n.substring(0, n.length() - ".tar.gz".length()))
                    .map(WriteTestArtifacts::parse).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PackageId parse(String fileStem) {
        // <name>-<version>: a version starts with a digit after the last '-' that is followed by one.
        for (int i = fileStem.length() - 1; i > 0; i--) {
            if (fileStem.charAt(i) == '-' && Character.isDigit(fileStem.charAt(i + 1))
                    && Version.isValid(fileStem.substring(i + 1)) && PackageName.problem(fileStem.substring(0, i)) == null) {
                return new PackageId(PackageName.of(fileStem.substring(0, i)), Version.parse(fileStem.substring(i + 1)));
            }
        }
        throw new IllegalStateException("not an artifact file: " + fileStem);
    }
}
