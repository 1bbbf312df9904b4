package io.cocoatly.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic replacement: the old bytes or the new, and no temp file left behind either way. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void createsAndReplaces() throws IOException {
        Path target = dir.resolve("state.json");
        AtomicFiles.write(target, "one".getBytes(StandardCharsets.UTF_8), FileModes.shared());
        AtomicFiles.write(target, "two".getBytes(StandardCharsets.UTF_8), FileModes.shared());
        assertEquals("two", Files.readString(target));
        assertEquals(List.of("state.json"), names());
    }

    @Test
    void aFailureBeforeTheRenameLeavesTheOldFileAndNoTemp() throws IOException {
        Path target = dir.resolve("state.json");
        Files.writeString(target, "old");
        Path[] seen = new Path[1];
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1, 2}, FileModes.shared(), temp -> {
            seen[0] = temp;
            assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(temp));
            throw new IOException("power cut");
        }));
        assertEquals("power cut", e.getMessage());
        assertTrue(AtomicFiles.isTempFileOf(seen[0], target), seen[0].toString());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("state.json"), names());
    }

    @Test
    void aMissingDirectoryIsAnErrorForWriteButCreatedByMoveInto() throws IOException {
        assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("no/such.json"), new byte[0],
                FileModes.shared()));
        Path source = Files.writeString(dir.resolve("upload.tmp"), "archive");
        Path target = dir.resolve("artifacts/http/http-1.0.0.tar.gz");
        AtomicFiles.moveInto(source, target, FileModes.shared());
        assertEquals("archive", Files.readString(target));
        assertEquals(List.of("artifacts"), names());
    }

    @Test
    void theFileHasTheModeAskedForWhateverTheTempFileHad() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
        String plain = mode(Files.createFile(dir.resolve("plain")));
        Path target = dir.resolve("index.json");

        AtomicFiles.write(target, new byte[] {1}, FileModes.shared());
        assertEquals(plain, mode(target), "as any new file under the umask, not the temp file's rw-------");
        AtomicFiles.write(target, new byte[] {2}, FileModes.OWNER_ONLY);
        assertEquals("rw-------", mode(target));
        AtomicFiles.write(target, new byte[] {3}, FileModes.shared());
        assertEquals(plain, mode(target), "replacing a file gives it the new mode too");

        Path temp = Files.createTempFile(dir, ".upload-", ".part");
        AtomicFiles.moveInto(temp, dir.resolve("a/a-1.0.0.tar.gz"), FileModes.shared());
        assertEquals(plain, mode(dir.resolve("a/a-1.0.0.tar.gz")));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void recognisesOnlyItsOwnTempNames() {
        Path target = dir.resolve("state.json");
        assertTrue(AtomicFiles.isTempFileOf(dir.resolve(".state.json.123.tmp"), target));
        assertEquals(false, AtomicFiles.isTempFileOf(dir.resolve(".config.json.123.tmp"), target));
        assertEquals(false, AtomicFiles.isTempFileOf(dir.resolve("state.json.tmp"), target));
    }
}
