package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: expected text kept in the repository and compared, whole, with what a test produced.
 *
 * <p>One switch regenerates every golden file of every module: run the tests with
 * {@code -Dcocoatly.regenerate=true} ({@link #REGENERATE}); each assertion then writes the actual text
 * to its file instead of comparing, and {@code git diff} shows what changed. The CLI's expected output
 * lives in {@code cli/src/test/resources/golden/} ({@link #assertMatches(String, String)}); other
 * modules name their file ({@link #assertMatches(Path, String)}), e.g. {@code testdata/explanations/}.
 * The {@code lockfile} module cannot use this class (the testkit depends on it) and reads the same
 * switch in its own golden test.
 */
public final class GoldenFile {

    /** The system property that, set to {@code true}, rewrites golden files instead of comparing. */
    public static final String REGENERATE = "cocoatly.regenerate";

    /** The CLI's golden files, relative to the repository root. */
    public static final String CLI_DIRECTORY = "cli/src/test/resources/golden";

    private GoldenFile() {
    }

    /** The repository root, as {@link TestData#repo()}; kept here for the CLI tests that resolve test data from it. */
    public static Path repo() {
        return TestData.repo();
    }

    /** Whether this run rewrites golden files ({@value #REGENERATE} is {@code true}). */
    public static boolean regenerating() {
        return Boolean.parseBoolean(System.getProperty(REGENERATE));
    }

    /**
     * Asserts that {@code actual} is the CLI golden file {@code <name>.expected.txt}, e.g. {@code resolve/demo}.
     *
     * @throws org.opentest4j.AssertionFailedError if the text differs or the file is missing
     */
    public static void assertMatches(String name, String actual) {
        assertFileMatches(name + ".expected.txt", actual);
    }

    /** As {@link #assertMatches(String, String)}, for a CLI golden file with its own extension, e.g. {@code lock/demo.json}. */
    public static void assertFileMatches(String relative, String actual) {
        assertMatches(repo().resolve(CLI_DIRECTORY).resolve(relative), actual);
    }

    /**
     * Asserts that {@code actual} is the content of {@code file} (UTF-8), or writes it there when
     * {@link #regenerating()}.
     *
     * @throws org.opentest4j.AssertionFailedError if the text differs or the file is missing
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static void assertMatches(Path file, String actual) {
        check(file, actual, regenerating());
    }

    /** The assertion with the switch passed in, so that both ways can be tested without a global property. */
    static void check(Path file, String actual, boolean regenerate) {
        try {
            if (regenerate) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.isRegularFile(file)) {
                fail("no golden file " + file + "; run the test with -D" + REGENERATE + "=true to write it");
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden file " + file
                    + " differs; if the change is meant, rerun with -D" + REGENERATE + "=true and review the diff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
