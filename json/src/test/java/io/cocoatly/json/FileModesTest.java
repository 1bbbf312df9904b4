package io.cocoatly.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mode bits and the umask: measured, not assumed, so a stricter umask is honoured. */
class FileModesTest {

    @TempDir
    Path dir;

    @Test
    void bitsAndPermissionsAreInverse() {
        for (int mode = 0; mode <= 0777; mode++) {
            assertEquals(mode, FileModes.bits(FileModes.permissions(mode)));
        }
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), FileModes.permissions(0640));
        assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), FileModes.permissions(04755));
    }

    @Test
    void sharedIsWhatAPlainNewFileGets() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), FileModes.permissions(FileModes.shared()));
    }

    /** A JVM started under another umask measures that umask; the probe leaves nothing behind. */
    @ParameterizedTest
    @CsvSource({"022, 644", "027, 640", "077, 600", "002, 664"})
    void sharedFollowsTheUmaskOfTheProcess(String umask, String expected) throws IOException, InterruptedException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path tmp = Files.createDirectory(dir.resolve("tmp-" + umask));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("/bin/sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\"", java,
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), SharedModeMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertEquals(0, p.waitFor(), out);
        assertEquals(expected, out);
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
