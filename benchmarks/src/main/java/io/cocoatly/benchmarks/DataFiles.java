package io.cocoatly.benchmarks;

import io.cocoatly.model.CocoatlyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the crates.io snapshot, which lives beside the repository ({@code ../shared/data}) and is
 * deliberately not copied into it.
 */
public final class DataFiles {

    /** System property naming the directory that holds the snapshot files. */
    public static final String PROPERTY = "cocoatly.data";

    /** The compressed index, one JSON object per crate. */
    public static final String INDEX_FILE = "crates-index-2019-11-10.compact.jsonl.xz";

    /** The 300 most depended-on crates with their last non-yanked version. */
    public static final String ROOTS_FILE = "top300-by-reverse-deps.tsv";

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
        String start = System.getProperty("cocoatly.repo", System.getProperty("user.dir"));
        for (Path dir = Path.of(start).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate.resolve(INDEX_FILE))) {
                return candidate;
            }
        }
        throw missing("no `" + RELATIVE + "` above the working directory: " + start);
    }

    /**
     * A directory of the repository, such as {@code testdata/scenarios}: the first match walking up
     * from {@code cocoatly.repo} or the working directory.
     *
     * @throws CocoatlyException with code {@code benchmark-data-missing} if there is none
     */
    public static Path repositoryDirectory(String relative) {
        String start = System.getProperty("cocoatly.repo", System.getProperty("user.dir"));
        for (Path dir = Path.of(start).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(relative)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve(relative);
            }
        }
        throw new CocoatlyException("benchmark-data-missing", "no `" + relative + "` above the working directory: "
                + start, List.of("run from inside the repository, or pass -Dcocoatly.repo=<repository root>"));
    }

    /** The compressed index file. */
    public static Path indexFile() {
        return directory().resolve(INDEX_FILE);
    }

    /** The top-300 roots file. */
    public static Path rootsFile() {
        return directory().resolve(ROOTS_FILE);
    }

    private static CocoatlyException missing(String message) {
        return new CocoatlyException("benchmark-data-missing", "crates.io snapshot not found, " + message,
                List.of("pass -D" + PROPERTY + "=<dir holding " + INDEX_FILE + ">"));
    }
}
