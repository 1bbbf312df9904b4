package io.cocoatly.benchmarks;

import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.Release;
import io.cocoatly.registry.CanonicalFiles;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.db.ArtifactStore;
import io.cocoatly.registry.server.ArtifactFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The crates.io data as a registry directory for a database import: each index file written once in
 * its canonical bytes and names.json once at the end ({@link CratesRegistryWriter} adds release by
 * release, which is right for a few hundred packages and quadratic for all 35,000), and the artifact
 * store of a registry that has no artifacts (crates.io's index names none here).
 */
final class CratesDatabase {

    private CratesDatabase() {
    }

    /** Writes a new registry at {@code out} with these listings; returns the number of releases. */
    static int writeRegistry(Path out, Iterable<PackageListing> listings) {
        RegistryEditor.init(out, "crates-2019-11-10");
        int count = 0;
        try {
            Files.createDirectories(out.resolve("index"));
            for (PackageListing listing : listings) {
                List<Release> releases = new ArrayList<>();
                listing.releases().forEach(r -> releases.add(CratesRegistryWriter.portable(r)));
                AtomicFiles.write(out.resolve("index").resolve(listing.name().value() + ".json"),
                        CanonicalFiles.index(new PackageListing(listing.name(), releases)), FileModes.shared());
                count += releases.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (RegistryEditor editor = RegistryEditor.open(out)) {
            editor.reindex();
        }
        return count;
    }

    /** An artifact store that holds nothing: the crates.io index names no artifacts. */
    static final class NoArtifacts implements ArtifactStore {
        @Override
        public boolean put(PackageId id, Path archive) {
            throw new UnsupportedOperationException("the crates.io data has no artifacts");
        }

        @Override
        public Optional<ArtifactFile> file(PackageId id) {
            return Optional.empty();
        }

        @Override
        public boolean exists(PackageId id) {
            return false;
        }

        @Override
        public void delete(PackageId id) {
        }

        @Override
        public List<PackageId> list() {
            return List.of();
        }
    }
}
