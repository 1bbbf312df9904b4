package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ReadAhead}: work on a daemon thread or at once, its outcome (value or failure) given by {@code join}. */
class ReadAheadTest {

    @Test
    void startedWorkRunsOnADaemonThreadWhileTheCallerGoesOn() throws InterruptedException {
        CountDownLatch callerWent = new CountDownLatch(1);
        ReadAhead<List<Object>> ahead = ReadAhead.start(() -> {
            try {
                // Only returns if the caller went on meanwhile: the work is not run by join.
                assertTrue(callerWent.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return List.of(Thread.currentThread().getName(), Thread.currentThread().isDaemon());
        });
        callerWent.countDown();
        assertEquals(List.of("cocoatly-read-ahead", true), ahead.join());
    }

    @Test
    void aFailureIsThrownByJoinAsItWasThrown() {
        CocoatlyException failure = new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-lockfile", "bad", List.of());
        ReadAhead<String> started = ReadAhead.start(() -> {
            throw failure;
        });
        assertSame(failure, assertThrows(CocoatlyException.class, started::join));
        StackOverflowError error = new StackOverflowError();
        assertSame(error, assertThrows(StackOverflowError.class, ReadAhead.<String>start(() -> {
            throw error;
        })::join));
    }

    @Test
    void workRunOnJoinRunsThenOnTheJoiningThreadOnce() {
        int[] runs = {0};
        ReadAhead<String> value = ReadAhead.onJoin(() -> {
            runs[0]++;
            return Thread.currentThread().getName();
        });
        assertEquals(0, runs[0], "nothing runs before join");
        assertEquals(Thread.currentThread().getName(), value.join());
        assertEquals(Thread.currentThread().getName(), value.join());
        assertEquals(1, runs[0]);
        IllegalArgumentException failure = new IllegalArgumentException("later");
        ReadAhead<String> failed = ReadAhead.onJoin(() -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IllegalArgumentException.class, failed::join));
    }

    @Test
    void anInterruptWhileJoiningIsKeptButDoesNotLoseTheResult() {
        CountDownLatch release = new CountDownLatch(1);
        ReadAhead<String> ahead = ReadAhead.start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "read";
        });
        Thread.currentThread().interrupt();
        new Thread(() -> {
            sleepQuietly(50);
            release.countDown();
        }).start();
        try {
            assertEquals("read", ahead.join());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
