package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting for the install lock that another real process holds: how long comes from
 * {@code installer.lock_timeout_seconds} (here its variable), and who holds it is said on stderr in
 * every mode, {@code --json} included.
 */
class LockWaitTest {

    @TempDir
    Path dir;

    private InstallFixture fixture;
    private Path registry;
    private Path project;
    private Process holder;

    @BeforeEach
    void setUp() throws IOException {
        fixture = InstallFixture.in(dir);
        fixture.registry().add("b", "1.0.0");
        registry = fixture.registryDir();
        project = fixture.project("{\"b\": \"^1.0\"}");
    }

    @AfterEach
    void stopHolder() throws InterruptedException {
        if (holder != null) {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private long holdLock(Path installation) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(),
                installation.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertNotNull(line, "the holder exited before taking the lock");
        assertTrue(line.startsWith("locked "), line);
        return Long.parseLong(line.substring("locked ".length()));
    }

    @Test
    void withJsonTheWaitIsShownOnStderrAndTheTimeoutIsTheConfiguredOne() throws IOException {
        Path installation = project.resolve(".cocoatly");
        long pid = holdLock(installation);
        CliRunner cli = fixture.cli(project, Map.of("COCOATLY_INSTALLER_LOCK_TIMEOUT_SECONDS", "1"));

        CliRunner.Result r = cli.run("install", "--registry", registry.toString(), "--json");

        assertEquals(4, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("waiting for another cocoatly process (pid " + pid + ") to release `"
                + installation.resolve("cocoatly.lock") + "`"), r.err());
        String json = r.out().replace(" ", "");
        assertTrue(json.contains("\"code\":\"lock-timeout\""), r.out());
        assertTrue(r.out().contains("timed out after 1 s waiting for `" + installation.resolve("cocoatly.lock")
                + "`: another cocoatly process (pid " + pid + ") is still changing this installation"), r.out());
    }
}
