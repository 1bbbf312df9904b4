package io.cocoatly.benchmarks;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the crates.io data: the whole snapshot, which lives beside the repository
 * ({@code ../shared/data}) and is deliberately not copied into it, and the small excerpt of it that is
 * committed in {@code testdata/crates-excerpt} (see {@link CratesExcerpt}), so that the crates tests
 * run on real data in any clone.
 */
public final class DataFiles {

    /** System property naming the directory that holds the snapshot files. */
    public static final String PROPERTY = "cocoatly.data";

    /** The compressed index, one JSON object per crate. */
    public static final String INDEX_FILE = "crates-index-2019-11-10.compact.jsonl.xz";

    /** The 300 most depended-on crates with their last non-yanked version. */
    public static final String ROOTS_FILE = "top300-by-reverse-deps.tsv";

    /** The committed excerpt's directory, relative to the repository root. */
    public static final String EXCERPT = "testdata/crates-excerpt";

    private static final Path RELATIVE = Path.of("shared", "data", "crates-io-2019");

    private DataFiles() {
    }

    /**
     * The snapshot directory: the {@value #PROPERTY} system property if set, otherwise the first
     * {@code shared/data/crates-io-2019} found walking up from {@code cocoatly.repo} (set by surefire)
     * or the working directory. Walking up rather than assuming {@code ../shared} lets the same code
     * run from the main checkout and from a worktree one level deeper.
     *
     * @throws CocoatlyException with code {@code benchmark-data-missing} if no directory is found
     */
    public static Path directory() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path dir = Path.of(explicit).toAbsolutePath();
            if (!Files.isRegularFile(dir.resolve(INDEX_FILE))) {
                throw missing("`" + PROPERTY + "` does not hold " + INDEX_FILE + ": " + dir);
            }
            return dir;
        }
        return find().orElseThrow(() -> missing("no `" + RELATIVE + "` above the working directory: " + start()));
    }

    /**
     * The snapshot directory found as {@link #directory()} finds it, or empty if there is none: a
     * fresh clone with nothing beside it. An explicit {@value #PROPERTY} that is wrong still throws.
     */
    public static Optional<Path> find() {
        if (System.getProperty(PROPERTY) != null && !System.getProperty(PROPERTY).isBlank()) {
            return Optional.of(directory());
        }
        for (Path dir = Path.of(start()).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate.resolve(INDEX_FILE))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * A directory of the repository, such as {@code testdata/scenarios}, found by {@link TestData#repo()}.
     *
     * @throws CocoatlyException with code {@code benchmark-data-missing} if there is none
     */
    public static Path repositoryDirectory(String relative) {
        Path dir;
        try {
            dir = TestData.path(relative);
        } catch (IllegalStateException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "benchmark-data-missing", e.getMessage(),
                    List.of("run from inside the repository, or pass -Dcocoatly.repo=<repository root>"), e);
        }
        if (!Files.isDirectory(dir)) {
            throw new CocoatlyException(ErrorKind.FAILED, "benchmark-data-missing", "no `" + relative + "` in the repository at "
                    + dir.getParent(), List.of("pass -Dcocoatly.repo=<repository root>"));
        }
        return dir;
    }

    /** The compressed index file. */
    public static Path indexFile() {
        return directory().resolve(INDEX_FILE);
    }

    /** The top-300 roots file. */
    public static Path rootsFile() {
        return directory().resolve(ROOTS_FILE);
    }

    /** The committed excerpt's index, {@code testdata/crates-excerpt/index.compact.jsonl}. */
    public static Path excerptIndexFile() {
        return repositoryDirectory(EXCERPT).resolve(CratesExcerpt.INDEX_FILE);
    }

    /** The committed excerpt's roots, {@code testdata/crates-excerpt/roots.tsv}. */
    public static Path excerptRootsFile() {
        return repositoryDirectory(EXCERPT).resolve(CratesExcerpt.ROOTS_FILE);
    }

    private static String start() {
        return System.getProperty("cocoatly.repo", System.getProperty("user.dir"));
    }

    private static CocoatlyException missing(String message) {
        return new CocoatlyException(ErrorKind.FAILED, "benchmark-data-missing", "crates.io snapshot not found, " + message,
                List.of("pass -D" + PROPERTY + "=<dir holding " + INDEX_FILE + ">"));
    }
}
