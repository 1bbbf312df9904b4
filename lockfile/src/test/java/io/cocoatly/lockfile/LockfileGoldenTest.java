package io.cocoatly.lockfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The written bytes of sample lockfiles against golden files; regenerate with -Dcocoatly.regenerate=true. */
class LockfileGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<String> samples() {
        return Samples.all().keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writesTheGoldenBytes(String name) throws IOException {
        byte[] bytes = LockfileWriter.toBytes(Samples.all().get(name));
        Path golden = GOLDEN.resolve(name + ".json");
        // testkit's GoldenFile cannot be used here (testkit depends on lockfile); same switch, though.
        if (Boolean.getBoolean("cocoatly.regenerate")) {
            Files.createDirectories(GOLDEN);
            Files.write(golden, bytes);
        }
        assertEquals(Files.readString(golden), new String(bytes, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writingTwiceGivesTheSameBytes(String name) {
        assertArrayEquals(LockfileWriter.toBytes(Samples.all().get(name)), LockfileWriter.toBytes(Samples.all().get(name)));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void goldenFilesReadBackToTheSameLockfile(String name) throws IOException {
        Path golden = GOLDEN.resolve(name + ".json");
        Lockfile read = LockfileReader.read(golden);
        assertEquals(Samples.all().get(name), read);
        assertArrayEquals(Files.readAllBytes(golden), LockfileWriter.toBytes(read));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theFormatIsPlainTwoSpaceJsonWithATrailingNewline(String name) {
        Lockfile lockfile = Samples.all().get(name);
        String text = new String(LockfileWriter.toBytes(lockfile), StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"));
        assertFalse(text.contains("\t"));
        assertFalse(text.contains(" :"), "no space before a colon");
        assertEquals('\n', text.charAt(text.length() - 1));
        assertFalse(text.endsWith("\n\n"));
        assertEquals("{\n  \"lockfile\": " + lockfile.format() + ",\n  \"manifest\": {\n    ",
                text.substring(0, text.indexOf("\"name\"")));
    }

    @org.junit.jupiter.api.Test
    void cyclesAreTheGroupsOfSeveral() {
        assertEquals(java.util.List.of(Samples.ids("a@1.0.0", "b@1.0.0-rc.1")), Samples.cycle().cycles());
        assertEquals(java.util.List.of(), Samples.simple().cycles());
    }
}
