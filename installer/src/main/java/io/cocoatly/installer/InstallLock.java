package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The exclusive right to change the home: an OS lock on {@code <home>/cocoatly.lock}, held by the
 * process, so it goes away with the process however it dies (no stale lock files to delete). The
 * holder writes its pid into the file so a waiting process can say whom it waits for.
 *
 * <p>Within one JVM an in-process gate is taken first. Besides making two acquisitions in one JVM
 * exclude each other (the OS lock belongs to the process, and {@link FileChannel#tryLock()} would
 * throw {@link OverlappingFileLockException}), it keeps a second acquirer from opening and closing
 * the lock file: with POSIX record locks, closing any descriptor of the file drops every lock the
 * process holds on it.
 */
public final class InstallLock implements AutoCloseable {

    /** How a waiting acquirer is told, once, that it waits. */
    @FunctionalInterface
    public interface Listener {
        void waiting(Waiting waiting);
    }

    /**
     * The lock is busy.
     *
     * @param holderPid the holder's pid, when the lock file names one
     */
    public record Waiting(Path lockFile, OptionalLong holderPid) {
        /** {@code waiting for another cocoatly process (pid 4242) to release <file>} */
        public String message() {
            return "waiting for another cocoatly process" + (holderPid.isPresent() ? " (pid " + holderPid.getAsLong() + ")" : "")
                    + " to release `" + lockFile + "`";
        }
    }

    private static final ConcurrentHashMap<Path, Semaphore> GATES = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 50;

    private final Path lockFile;
    private final Semaphore gate;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private InstallLock(Path lockFile, Semaphore gate, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.gate = gate;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, waiting up to {@code timeout} for another holder (in this or another process).
     * If it has to wait, {@code listener} is called once before waiting.
     *
     * @throws CocoatlyException code {@code lock-timeout} if the lock is still held after
     *     {@code timeout}; {@code lock-failed} if the lock file cannot be opened
     */
    public static InstallLock acquire(Home home, Duration timeout, Listener listener) {
        home.create();
        Path file = home.lockFile();
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore gate = GATES.computeIfAbsent(gateKey(home), f -> new Semaphore(1));
        boolean notified = false;
        if (!gate.tryAcquire()) {
            // Held within this JVM: the holder is this very process.
            listener.waiting(new Waiting(file, OptionalLong.of(ProcessHandle.current().pid())));
            notified = true;
            if (!acquireGate(gate, deadline)) {
                throw timeout(file, timeout, OptionalLong.of(ProcessHandle.current().pid()));
            }
        }
        try {
            return lockFile(file, gate, deadline, timeout, listener, notified);
        } catch (RuntimeException e) {
            gate.release();
            throw e;
        }
    }

    private static InstallLock lockFile(Path file, Semaphore gate, long deadline, Duration timeout, Listener listener,
            boolean notified) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "lock-failed", "cannot open the lock file `" + file + "`: " + e.getMessage(),
                    List.of("check the permissions of `" + file.getParent() + "`"), e);
        }
        try {
            while (true) {
                FileLock lock;
                OptionalLong holder;
                try {
                    lock = channel.tryLock();
                    holder = lock == null ? holderPid(file) : OptionalLong.empty();
                } catch (OverlappingFileLockException sameJvm) {
                    // Only reachable when one lock file has two unrelated names (a hard link), which
                    // the gate cannot see: the holder is this process, so the file is not read.
                    lock = null;
                    holder = OptionalLong.of(ProcessHandle.current().pid());
                }
                if (lock != null) {
                    recordPid(channel);
                    return new InstallLock(file, gate, channel, lock);
                }
                if (!notified) {
                    listener.waiting(new Waiting(file, holder));
                    notified = true;
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw timeout(file, timeout, holder);
                }
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(channel, e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new CocoatlyException(ErrorKind.FAILED, "lock-failed", "interrupted while waiting for `" + file + "`", List.of(), e);
            }
            if (e instanceof IOException) {
                throw new CocoatlyException(ErrorKind.FAILED, "lock-failed", "cannot lock `" + file + "`: " + e.getMessage(), List.of(), e);
            }
            throw (RuntimeException) e;
        }
    }

    // The real path, so two spellings of one home (a symbolic link) share one gate.
    private static Path gateKey(Home home) {
        try {
            return home.root().toRealPath().resolve(home.lockFile().getFileName());
        } catch (IOException e) {
            return home.lockFile();
        }
    }

    private static boolean acquireGate(Semaphore gate, long deadline) {
        try {
            return gate.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // Written through the locked channel itself: opening the file a second time and closing it
    // would drop the lock (see the class comment).
    private static void recordPid(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
    }

    // Only called while we do not hold the lock, so reading the file cannot release anything of ours.
    private static OptionalLong holderPid(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,18}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static CocoatlyException timeout(Path file, Duration timeout, OptionalLong pid) {
        String holder = pid.isPresent() ? "another cocoatly process (pid " + pid.getAsLong() + ")" : "another cocoatly process";
        return new CocoatlyException(ErrorKind.FAILED, "lock-timeout", "timed out after " + describe(timeout) + " waiting for `" + file + "`: "
                + holder + " is still changing this installation",
                List.of("wait for it to finish and run the command again",
                        "the lock is released when that process exits, however it exits; there is nothing to delete"));
    }

    private static String describe(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /** The lock file this lock holds. */
    public Path lockFile() {
        return lockFile;
    }

    /** Whether the lock is still held by this object. */
    public boolean isHeld() {
        return lock.isValid();
    }

    /** Releases the lock; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the OS lock even when close reports an error; there is
            // nothing more to undo.
        } finally {
            gate.release();
        }
    }
}
