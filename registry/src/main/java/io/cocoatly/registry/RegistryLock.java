package io.cocoatly.registry;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;

/**
 * The lock that serialises edits of one registry directory: an OS file lock on
 * {@value #FILE_NAME} in the registry root, held by the process (it dies with it), so two
 * publishers never both read an index, change it and write it back, losing one of the changes.
 *
 * <p>Threads of one JVM first take an in-process permit for the same directory: the OS lock belongs
 * to the whole process (a second {@code tryLock} in it throws instead of waiting), and on POSIX
 * closing any channel on the file would drop it. The permit is not reentrant, so an editor opened
 * while the same thread holds another waits and times out rather than sharing the lock.
 */
final class RegistryLock implements AutoCloseable {

    /** The lock file in the registry root; it stays there between edits and is never read. */
    static final String FILE_NAME = ".registry.lock";

    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 50;

    private final Semaphore local;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private RegistryLock(Semaphore local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the registry in {@code dir}, waiting up to {@code timeout}.
     *
     * @throws CocoatlyException {@code registry-locked} after the timeout, {@code registry-unwritable}
     *                           if the lock file cannot be created
     */
    static RegistryLock acquire(Path dir, Duration timeout) {
        Path file = dir.resolve(FILE_NAME);
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            throw unwritable(dir, e);
        }
        Semaphore local = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!local.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw locked(dir, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw locked(dir, timeout);
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = poll(channel, deadline);
            if (lock == null) {
                channel.close();
                throw locked(dir, timeout);
            }
            return new RegistryLock(local, channel, lock);
        } catch (IOException e) {
            local.release();
            throw unwritable(dir, e);
        } catch (RuntimeException e) {
            local.release();
            throw e;
        }
    }

    /** The OS lock, or null if it is still held by another process at the deadline (or on interrupt). */
    private static FileLock poll(FileChannel channel, long deadline) throws IOException {
        try {
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
                if (System.nanoTime() - deadline > 0) {
                    return null;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Releases the lock; later calls do nothing, so the in-process permit is returned only once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel c = channel) {
            lock.release();
        } catch (IOException e) {
            // Closing the channel releases the OS lock in any case; nothing is left to undo.
            return;
        } finally {
            local.release();
        }
    }

    private static CocoatlyException locked(Path dir, Duration timeout) {
        return new CocoatlyException(ErrorKind.FAILED, "registry-locked", "registry `" + dir + "` is being edited by another publisher: "
                + "still locked after " + describe(timeout),
                List.of("wait for the other `cocoatly publish` or `cocoatly yank` to finish, then run this again"));
    }

    private static String describe(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    static CocoatlyException unwritable(Path dir, IOException e) {
        return new CocoatlyException(ErrorKind.FAILED, "registry-unwritable", "cannot write to registry `" + dir + "`: " + e,
                List.of("check that the directory exists and that you may write to it"), e);
    }
}
