package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected CLI output kept in {@code cli/src/test/resources/golden/<name>.expected.txt}. Run the tests
 * with {@code -Dcocoatly.regenerate=true} to rewrite the files from the actual output.
 */
public final class GoldenFile {

    private GoldenFile() {
    }

    public static Path repo() {
        return Path.of(System.getProperty("cocoatly.repo", "..")).toAbsolutePath().normalize();
    }

    public static void assertMatches(String name, String actual) {
        assertFileMatches(name + ".expected.txt", actual);
    }

    /** As {@link #assertMatches}, for a golden file with its own extension, e.g. {@code lock/demo.json}. */
    public static void assertFileMatches(String relative, String actual) {
        Path file = repo().resolve("cli/src/test/resources/golden/" + relative);
        try {
            if (Boolean.parseBoolean(System.getProperty("cocoatly.regenerate"))) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
