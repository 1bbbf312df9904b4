package io.cocoatly.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository's shared test data is: {@code testdata/} (the sample registry, the demo
 * project, the scenario files, the crates.io excerpt) and the golden files, found the same way by
 * every module's tests and by the benchmarks.
 */
public final class TestData {

    /** The system property naming the repository root; surefire sets it for every module's tests. */
    public static final String REPO_PROPERTY = "cocoatly.repo";

    private TestData() {
    }

    /**
     * The repository root: {@value #REPO_PROPERTY} if set, otherwise the nearest directory at or above
     * the working directory that holds both {@code pom.xml} and {@code testdata/}. Walking up lets a
     * test or benchmark run from a module directory, the root, or a worktree alike.
     *
     * @throws IllegalStateException if the property is unset and no such directory is found
     */
    public static Path repo() {
        String property = System.getProperty(REPO_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("testdata"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository (pom.xml and testdata/) at or above " + start
                + "; run from inside the repository or pass -D" + REPO_PROPERTY + "=<repository root>");
    }

    /** {@code relative} resolved against {@link #repo()}, e.g. {@code testdata/registry}; it need not exist. */
    public static Path path(String relative) {
        return repo().resolve(relative);
    }

    /** The scenario files' directory, {@code testdata/scenarios} (see docs/scenarios.md). */
    public static Path scenarios() {
        return path("testdata/scenarios");
    }
}
