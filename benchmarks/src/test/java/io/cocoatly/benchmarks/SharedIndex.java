package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cocoatly.model.PackageId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The crates.io data opened once per test JVM: the excerpt committed in {@code testdata/crates-excerpt},
 * always there, and the whole snapshot, only where it lies beside the clone.
 */
final class SharedIndex {

    /** Why the whole-snapshot tests are skipped, and how to run them. */
    static final String SNAPSHOT_MISSING = "the crates.io snapshot is not at ../shared/data/crates-io-2019;"
            + " CI has it beside the clone; pass -D" + DataFiles.PROPERTY + "=<dir holding " + DataFiles.INDEX_FILE
            + "> to use a copy elsewhere. The crates tests ran on " + DataFiles.EXCERPT + " only.";

    /** The committed excerpt. */
    static final CratesIndex EXCERPT = CratesIndex.openExcerpt();

    /** The excerpt's roots, most depended-on first. */
    static final List<PackageId> EXCERPT_ROOTS = CratesRoots.load(DataFiles.excerptRootsFile());

    private static CratesIndex snapshot;
    private static boolean told;

    private SharedIndex() {
    }

    /**
     * The whole snapshot's directory; skips the calling test (a JUnit assumption) when there is none,
     * saying so once on the console too, since the build log does not show an assumption's message.
     */
    static synchronized Path snapshotDirectory() {
        Optional<Path> dir = DataFiles.find();
        if (dir.isEmpty() && !told) {
            told = true;
            System.err.println("skipped: " + SNAPSHOT_MISSING);
        }
        assumeTrue(dir.isPresent(), SNAPSHOT_MISSING);
        return dir.get();
    }

    /** The whole snapshot, opened on first use (it decompresses 54 MB); skips as {@link #snapshotDirectory()}. */
    static synchronized CratesIndex snapshot() {
        Path dir = snapshotDirectory();
        if (snapshot == null) {
            snapshot = CratesIndex.open(dir.resolve(DataFiles.INDEX_FILE));
        }
        return snapshot;
    }
}
