package io.cocoatly.installer;

import io.cocoatly.config.Home;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock within one JVM, where the OS lock alone would not exclude anything. */
class InstallLockTest {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void theHolderWritesItsPid(@TempDir Path dir) throws Exception {
        Home home = new Home(dir);
        try (InstallLock lock = InstallLock.acquire(home, Duration.ZERO, w -> { })) {
            assertEquals(home.lockFile(), lock.lockFile());
            assertEquals(PID + "\n", Files.readString(home.lockFile()));
        }
    }

    @Test
    void twoAcquisitionsInOneJvmExcludeEachOther(@TempDir Path dir) {
        Home home = new Home(dir);
        List<InstallLock.Waiting> waits = new CopyOnWriteArrayList<>();
        try (InstallLock first = InstallLock.acquire(home, Duration.ZERO, w -> { })) {
            CocoatlyException e = assertThrows(CocoatlyException.class,
                    () -> InstallLock.acquire(home, Duration.ofMillis(100), waits::add));
            assertEquals("lock-timeout", e.code());
            assertEquals("timed out after 100 ms waiting for `" + home.lockFile() + "`: another cocoatly process (pid " + PID
                    + ") is still changing this installation", e.getMessage());
            assertEquals(List.of(new InstallLock.Waiting(home.lockFile(), OptionalLong.of(PID))), waits);
            assertTrue(first.isHeld(), "a failed acquisition must not release the holder's lock");
        }
        try (InstallLock again = InstallLock.acquire(home, Duration.ZERO, w -> { })) {
            assertTrue(again.isHeld());
        }
    }

    @Test
    void aWaiterInTheSameJvmGetsTheLockOnRelease(@TempDir Path dir) throws Exception {
        Home home = new Home(dir);
        LinkedBlockingQueue<InstallLock.Waiting> waits = new LinkedBlockingQueue<>();
        InstallLock first = InstallLock.acquire(home, Duration.ZERO, w -> { });
        CompletableFuture<InstallLock> second = CompletableFuture.supplyAsync(
                () -> InstallLock.acquire(home, Duration.ofSeconds(60), waits::add));
        assertNotNull(waits.poll(30, TimeUnit.SECONDS));
        assertFalse(second.isDone());
        first.close();
        try (InstallLock lock = second.get(30, TimeUnit.SECONDS)) {
            assertTrue(lock.isHeld());
            assertFalse(first.isHeld());
        }
    }

    @Test
    void closingTwiceReleasesOnce(@TempDir Path dir) {
        Home home = new Home(dir);
        InstallLock lock = InstallLock.acquire(home, Duration.ZERO, w -> { });
        lock.close();
        lock.close();
        InstallLock a = InstallLock.acquire(home, Duration.ZERO, w -> { });
        // Had the gate been released twice, this second acquisition would slip in.
        assertThrows(CocoatlyException.class, () -> InstallLock.acquire(home, Duration.ZERO, w -> { }));
        a.close();
    }

    @Test
    void withoutWaitingTheListenerIsNotCalled(@TempDir Path dir) {
        List<InstallLock.Waiting> waits = new CopyOnWriteArrayList<>();
        try (InstallLock lock = InstallLock.acquire(new Home(dir), Duration.ofSeconds(5), waits::add)) {
            assertTrue(lock.isHeld());
            assertTrue(waits.isEmpty());
        }
    }

    @Test
    void twoSpellingsOfOneHomeShareTheLock(@TempDir Path dir) throws Exception {
        Home real = new Home(dir.resolve("real")).create();
        Home linked = new Home(Files.createSymbolicLink(dir.resolve("linked"), real.root()));
        try (InstallLock lock = InstallLock.acquire(real, Duration.ZERO, w -> { })) {
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> InstallLock.acquire(linked, Duration.ZERO, w -> { }));
            assertEquals("lock-timeout", e.code());
            assertTrue(lock.isHeld());
        }
    }
}
