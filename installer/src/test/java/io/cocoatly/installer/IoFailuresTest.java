package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The exceptions the JDK throws for a full disk or a refused permission, turned into words. */
class IoFailuresTest {

    @Test
    void aWriteWithoutAPathIsNamedByTheFallback() {
        // What FileOutputStream.write / FileChannel.write throw on ENOSPC.
        IOException e = new IOException("No space left on device");

        assertEquals("`/x/y`: No space left on device", IoFailures.describe(new UncheckedIOException(e), Path.of("/x/y")));
        assertTrue(IoFailures.isDiskFull(e));
    }

    @Test
    void aFileSystemExceptionNamesItsOwnPathAndReason() {
        // What Files.createDirectory throws on ENOSPC.
        FileSystemException e = new FileSystemException("/x/y/dir", null, "No space left on device");

        assertEquals("`/x/y/dir`: No space left on device", IoFailures.describe(e, Path.of("/x")));
        assertTrue(IoFailures.isDiskFull(e));
    }

    @Test
    void exceptionsWhoseMessageIsOnlyThePathGetTheirReason() {
        // AccessDeniedException.getMessage() is just the path: the reason was lost before.
        assertEquals("`/x/f`: permission denied", IoFailures.describe(new AccessDeniedException("/x/f"), Path.of("/x")));
        assertEquals("no such file or directory", IoFailures.reason(new NoSuchFileException("/x/f")));
        assertFalse(IoFailures.isDiskFull(new AccessDeniedException("/x/f")));
    }
}
