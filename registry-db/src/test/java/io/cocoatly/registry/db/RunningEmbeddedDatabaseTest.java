package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EmbeddedDatabase#running} reads PostgreSQL's own {@code postmaster.pid}: a live, ready
 * postmaster is found with its port, and what a crash or a start in progress leaves is not.
 * (That a live one is reached is {@code RegistryDatabaseCommandsTest}'s, with a real server.)
 */
class RunningEmbeddedDatabaseTest {

    @TempDir
    Path dir;

    /** The file as PostgreSQL 15 writes it, with {@code pid}, {@code port} and {@code status}. */
    private void postmasterPid(long pid, int port, String status) throws IOException {
        Files.writeString(dir.resolve("postmaster.pid"), pid + "\n" + dir + "\n1796583442\n" + port + "\n/tmp\n127.0.0.1\n"
                + "  2318678    655376\n" + status + "\n");
    }

    @Test
    void aLiveReadyPostmasterIsFoundWithItsPort() throws IOException {
        postmasterPid(ProcessHandle.current().pid(), 38089, "ready   ");
        assertEquals(Optional.of(new EmbeddedDatabase.Running(ProcessHandle.current().pid(), 38089)), EmbeddedDatabase.running(dir));
        assertEquals("postgresql://authenticator@127.0.0.1:38089/registry",
                EmbeddedDatabase.running(dir).orElseThrow().server("registry").toString());
    }

    @Test
    void noFileADeadProcessAStartingOneOrAGarbledFileIsNone() throws IOException {
        assertEquals(Optional.empty(), EmbeddedDatabase.running(dir));
        postmasterPid(deadPid(), 38089, "ready");
        assertEquals(Optional.empty(), EmbeddedDatabase.running(dir), "left by a crash");
        postmasterPid(ProcessHandle.current().pid(), 38089, "starting");
        assertEquals(Optional.empty(), EmbeddedDatabase.running(dir), "not accepting connections yet");
        Files.writeString(dir.resolve("postmaster.pid"), "12x\n");
        assertEquals(Optional.empty(), EmbeddedDatabase.running(dir));
    }

    private static long deadPid() {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
