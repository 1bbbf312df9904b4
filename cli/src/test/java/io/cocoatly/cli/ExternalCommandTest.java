package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executable {@code cocoatly-NAME} in the home's {@code plugins/} or on {@code PATH} runs as
 * {@code cocoatly NAME}: its arguments, standard input and output and exit code pass through, it
 * learns the home, the home's wins over {@code PATH}'s, and a built-in command wins over both.
 */
class ExternalCommandTest {

    @TempDir
    Path dir;

    private Path script(Path where, String name, String body) throws IOException {
        Files.createDirectories(where);
        Path file = Files.writeString(where.resolve("cocoatly-" + name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private CliRunner runner() {
        return new CliRunner(dir, Map.of("COCOATLY_HOME", dir.resolve("home").toString(), "PATH",
                dir.resolve("bin") + ":/usr/bin:/bin"));
    }

    @Test
    void anExecutableInThePluginsDirectoryRunsWithItsArgumentsAndExitCode() throws IOException {
        script(dir.resolve("home/plugins"), "hello", "echo \"hello $1 $2 from $COCOATLY_HOME\"\necho oops >&2\nexit 7\n");
        CliRunner.Result r = runner().run("hello", "big", "--world");
        assertEquals(7, r.exitCode());
        assertEquals("hello big --world from " + dir.resolve("home") + "\n", r.out());
        assertEquals("oops\n", r.err());
    }

    @Test
    void thePluginsDirectoryWinsOverPathAndStandardInputPassesThrough() throws IOException {
        script(dir.resolve("bin"), "cat", "echo from-path\n");
        script(dir.resolve("home/plugins"), "cat", "exec cat\n");
        CliRunner.Result r = runner().runWithInput("piped text\n", "cat");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("piped text\n", r.out());
        script(dir.resolve("bin"), "onpath", "echo found on PATH\n");
        assertEquals("found on PATH\n", runner().run("onpath").out());
    }

    @Test
    void aBuiltInCommandWinsAndAnUnknownNameIsStillATypo() throws IOException {
        script(dir.resolve("home/plugins"), "semver", "echo shadowed; exit 9\n");
        CliRunner.Result builtIn = runner().run("semver", "1.0.0", "^1");
        assertTrue(!builtIn.out().contains("shadowed") && builtIn.exitCode() != 9, builtIn.out());
        CliRunner.Result unknown = runner().run("instal");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("error: unknown command 'instal'"), unknown.err());
    }
}
