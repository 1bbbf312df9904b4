package io.cocoatly.lockfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cocoatly.model.CocoatlyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing to disk: atomic replacement, no temp files left behind, old file intact on failure. */
class LockfileWriterTest {

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::getFileName).sorted().toList();
        }
    }

    @Test
    void writesReplacesAndLeavesNoTempFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(Lockfile.FILE_NAME);
        LockfileWriter.write(Samples.cycle(), file);
        LockfileWriter.write(Samples.simple(), file);
        assertArrayEquals(LockfileWriter.toBytes(Samples.simple()), Files.readAllBytes(file));
        assertEquals(List.of(Path.of(Lockfile.FILE_NAME)), entries(dir));
        assertEquals(Samples.simple(), LockfileReader.read(file));
    }

    @Test
    void theLockfileIsReadableLikeAnyNewFile(@TempDir Path dir) throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Path file = dir.resolve(Lockfile.FILE_NAME);
        LockfileWriter.write(Samples.simple(), file);
        assertEquals(plain, Files.getPosixFilePermissions(file));
    }

    @Test
    void aFailedReplaceLeavesTheOldContentAndNoTempFile(@TempDir Path dir) throws IOException {
        // A non-empty directory where the file should go: the final rename fails after the temp
        // file was fully written, the worst moment.
        Path target = dir.resolve(Lockfile.FILE_NAME);
        Files.createDirectories(target.resolve("keep"));
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> LockfileWriter.write(Samples.simple(), target));
        assertEquals("lockfile-write-failed", e.code());
        assertTrue(e.getMessage().startsWith("cannot write `" + target + "`: "), e.getMessage());
        assertEquals(List.of(Path.of(Lockfile.FILE_NAME)), entries(dir));
        assertEquals(List.of(Path.of("keep")), entries(target));
    }

    @Test
    void aMissingDirectoryIsAClearError(@TempDir Path dir) {
        Path target = dir.resolve("nope").resolve(Lockfile.FILE_NAME);
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> LockfileWriter.write(Samples.simple(), target));
        // The temp file name is random, so only the stable part of the message is pinned.
        assertTrue(e.getMessage().startsWith("cannot write `" + target + "`: no such file (" + target.getParent()), e.getMessage());
    }
}
