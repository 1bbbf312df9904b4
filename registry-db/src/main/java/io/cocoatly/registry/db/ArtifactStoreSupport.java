package io.cocoatly.registry.db;

import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** What the artifact stores share: the digest that decides whether two archives are the same bytes, and directory syncs. */
final class ArtifactStoreSupport {

    private ArtifactStoreSupport() {
    }

    /** The lowercase hex SHA-256 of a file, the digest index entries and signatures use. */
    static String sha256(Path file) throws IOException {
        try {
            return Checksums.of(file, Set.of(DigestAlgorithm.SHA256)).get(DigestAlgorithm.SHA256).orElseThrow();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Syncs a directory, so that a name just linked or removed in it survives a power cut. Opening a
     * directory for reading works on Linux and macOS; elsewhere a rename is already as durable as
     * the platform allows, so failing here is not an error.
     */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            return;
        }
    }
}
