package io.cocoatly.installer;

import io.cocoatly.config.Home;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock between two real processes: a second JVM runs {@link InstallLockHolderMain}. */
class InstallLockProcessTest {

    @TempDir
    Path dir;

    private Process holder;

    @AfterEach
    void stopHolder() throws InterruptedException {
        if (holder != null && holder.isAlive()) {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts the holder and returns its pid once it holds the lock. */
    private long startHolder(Home home) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                InstallLockHolderMain.class.getName(), home.root().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertNotNull(line, "the holder exited before taking the lock");
        assertTrue(line.startsWith("locked "), line);
        long pid = Long.parseLong(line.substring("locked ".length()));
        assertEquals(holder.pid(), pid);
        return pid;
    }

    private void release() throws IOException {
        Writer in = new java.io.OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
        in.write("release\n");
        in.flush();
    }

    @Test
    void aSecondProcessWaitsWithAMessageThenGetsTheLock() throws Exception {
        Home home = new Home(dir);
        long pid = startHolder(home);
        LinkedBlockingQueue<InstallLock.Waiting> waits = new LinkedBlockingQueue<>();
        CompletableFuture<InstallLock> second = CompletableFuture.supplyAsync(
                () -> InstallLock.acquire(home, Duration.ofSeconds(60), waits::add));
        InstallLock.Waiting waiting = waits.poll(30, TimeUnit.SECONDS);
        assertNotNull(waiting, "the second acquisition never reported waiting");
        assertEquals(OptionalLong.of(pid), waiting.holderPid());
        assertEquals("waiting for another cocoatly process (pid " + pid + ") to release `" + home.lockFile() + "`",
                waiting.message());
        assertFalse(second.isDone(), "acquired while another process held the lock");
        release();
        try (InstallLock lock = second.get(30, TimeUnit.SECONDS)) {
            assertTrue(lock.isHeld());
        }
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, holder.exitValue());
        assertTrue(waits.isEmpty(), "the waiting message is reported once");
    }

    @Test
    void aLockHeldTooLongTimesOutClearly() throws Exception {
        Home home = new Home(dir);
        long pid = startHolder(home);
        List<InstallLock.Waiting> waits = new CopyOnWriteArrayList<>();
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> InstallLock.acquire(home, Duration.ofMillis(300), waits::add));
        assertEquals("lock-timeout", e.code());
        assertEquals("timed out after 300 ms waiting for `" + home.lockFile() + "`: another cocoatly process (pid " + pid
                + ") is still changing this installation", e.getMessage());
        assertEquals(List.of("wait for it to finish and run the command again",
                "the lock is released when that process exits, however it exits; there is nothing to delete"), e.hints());
        assertEquals(1, waits.size());
        assertTrue(holder.isAlive(), "timing out must not disturb the holder");
    }

    @Test
    void aKilledHolderReleasesTheLock() throws Exception {
        Home home = new Home(dir);
        startHolder(home);
        holder.destroyForcibly();
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        try (InstallLock lock = InstallLock.acquire(home, Duration.ofSeconds(30), w -> { })) {
            assertTrue(lock.isHeld());
        }
    }

    @Test
    void whileThisProcessHoldsItTheOtherOneWaits() throws Exception {
        Home home = new Home(dir);
        InstallLock lock = InstallLock.acquire(home, Duration.ofSeconds(5), w -> { });
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    InstallLockHolderMain.class.getName(), home.root().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // Without a timing assertion: it cannot have the lock while we hold it, whenever it asks.
            assertThrows(TimeoutException.class, () -> first.get(1, TimeUnit.SECONDS));
            assertTrue(lock.isHeld());
            lock.close();
            String line = first.get(30, TimeUnit.SECONDS);
            assertEquals("locked " + holder.pid(), line);
        } finally {
            lock.close();
        }
    }
}
