package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** Comparing with golden files, and the one switch that rewrites them. */
class GoldenFileTest {

    @TempDir
    Path dir;

    @Test
    void theSameTextPassesAndOtherTextFailsNamingTheFileAndTheSwitch() throws IOException {
        Path file = Files.writeString(dir.resolve("out.expected.txt"), "one\ntwo\n");

        assertDoesNotThrow(() -> GoldenFile.check(file, "one\ntwo\n", false));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> GoldenFile.check(file, "one\n2\n", false));
        assertTrue(e.getMessage().startsWith("golden file " + file + " differs; if the change is meant, rerun with"
                + " -Dcocoatly.regenerate=true and review the diff"), e.getMessage());
        assertEquals("one\ntwo\n", e.getExpected().getValue());
        assertEquals("one\n2\n", e.getActual().getValue());
    }

    @Test
    void aMissingGoldenFileFailsWithTheWayToWriteIt() {
        Path file = dir.resolve("none.expected.txt");

        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> GoldenFile.check(file, "text", false));
        assertEquals("no golden file " + file + "; run the test with -Dcocoatly.regenerate=true to write it",
                e.getMessage());
    }

    @Test
    void regeneratingWritesTheActualTextAndItsDirectories() throws IOException {
        Path file = dir.resolve("new/dir/out.expected.txt");

        GoldenFile.check(file, "fresh\n", true);
        GoldenFile.check(file, "fresher\n", true);

        assertEquals("fresher\n", Files.readString(file));
        assertDoesNotThrow(() -> GoldenFile.check(file, "fresher\n", false));
    }

    @Test
    void cliGoldenFilesAreFoundByNameBelowTheRepository() {
        // The CLI's help text is pinned there; reading it through the public method proves the path.
        Path help = TestData.path(GoldenFile.CLI_DIRECTORY).resolve("help/cocoatly.expected.txt");
        assertTrue(Files.isRegularFile(help), help.toString());
        assertDoesNotThrow(() -> GoldenFile.assertMatches("help/cocoatly", Files.readString(help)));
    }
}
