package io.cocoatly.installer;

import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.DigestSink;
import io.cocoatly.transport.BodyTarget;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A download's body target: the cache's temp file, hashed while it is written. Each attempt
 * truncates the file and starts new digests, so a retried download is hashed from its first byte.
 */
final class HashingFile implements BodyTarget {

    private final Path file;
    private final Set<DigestAlgorithm> algorithms;
    private DigestSink last;

    HashingFile(Path file, Set<DigestAlgorithm> algorithms) {
        this.file = file;
        this.algorithms = Set.copyOf(algorithms);
    }

    @Override
    public DigestSink open() throws IOException {
        last = DigestSink.tee(algorithms, new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
        return last;
    }

    /** The sink of the latest attempt, whose size and digests describe the file. */
    DigestSink last() {
        if (last == null) {
            throw new IllegalStateException("no attempt wrote " + file);
        }
        return last;
    }
}
