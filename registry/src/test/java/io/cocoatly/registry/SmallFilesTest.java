package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a small file through java.io fails as NIO does, so that callers tell a missing file from the rest. */
class SmallFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsTheWholeFileAndFailsAsNioDoes() throws IOException {
        byte[] content = new byte[70_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Path file = Files.write(dir.resolve("cocoatly.json"), content);
        assertArrayEquals(content, SmallFiles.read(file));
        assertArrayEquals(new byte[0], SmallFiles.read(Files.write(dir.resolve("empty.json"), new byte[0])));
        assertThrows(NoSuchFileException.class, () -> SmallFiles.read(dir.resolve("missing.json")));
        Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere.json"));
        assertThrows(NoSuchFileException.class, () -> SmallFiles.read(dir.resolve("dangling.json")));
        IOException directory = assertThrows(IOException.class, () -> SmallFiles.read(Files.createDirectory(dir.resolve("d"))));
        assertFalse(directory instanceof NoSuchFileException, directory.toString());
    }
}
