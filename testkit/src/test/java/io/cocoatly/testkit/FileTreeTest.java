package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreeTest {

    @TempDir
    Path dir;

    @Test
    void describesFilesAndLinksButNotDirectories() throws IOException {
        Files.createDirectories(dir.resolve("lib/empty"));
        Files.writeString(dir.resolve("lib/a.txt"), "abc");
        Files.writeString(dir.resolve("README"), "");
        Files.createSymbolicLink(dir.resolve("lib/link"), Path.of("a.txt"));

        assertEquals(Map.of(
                "README", "file 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "lib/a.txt", "file 3 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "lib/link", "link a.txt"), FileTree.describe(dir));
    }

    @Test
    void sha256IsLowerCaseHex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                FileTree.sha256("abc".getBytes(StandardCharsets.UTF_8)));
    }
}
