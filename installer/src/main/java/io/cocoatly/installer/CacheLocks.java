package io.cocoatly.installer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is using which cache entry, across processes: an installer holds a shared lock on an entry
 * from before it looks the entry up until the package is unpacked, and the evictor deletes only
 * entries it can lock exclusively. A lock is one byte of {@code <cache>/entries.lock} at an offset
 * taken from the entry's digest, rather than a lock on the entry itself: POSIX drops every lock a
 * process holds on a file when the process closes any descriptor of it, and the extractor opens and
 * closes the entry. Two digests that share an offset only make the evictor skip one more entry.
 *
 * <p>Within one JVM the locks go through one channel per cache, counted here, since the JVM refuses
 * overlapping locks of its own. The OS releases every lock when the process ends, even by
 * {@code kill -9}, so a crash never leaves an entry locked.
 */
final class CacheLocks {

    /** The lock file in the cache directory. */
    static final String FILE = "entries.lock";

    /** A held lock; closing releases it. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private static final Lease NONE = () -> { };

    // Guarded by itself: the channel and the locks held through it, per cache directory.
    private static final Map<Path, Holder> HOLDERS = new HashMap<>();

    private static final class Holder {
        final FileChannel channel;
        final Map<Long, FileLock> shared = new HashMap<>();
        final Map<Long, Integer> sharers = new HashMap<>();
        final Set<Long> exclusive = new HashSet<>();

        Holder(FileChannel channel) {
            this.channel = channel;
        }

        boolean idle() {
            return shared.isEmpty() && exclusive.isEmpty();
        }
    }

    private CacheLocks() {
    }

    /**
     * A shared lock on {@code entry}, a path of the cache in {@code root}. It waits only while an
     * evictor holds the entry, which takes one file deletion. A cache whose lock file cannot be
     * written (a read-only cache) is used without locks: nothing can be evicted from it either.
     */
    static Lease shared(Path cacheRoot, Path entry) {
        Path root = cacheRoot.toAbsolutePath().normalize();
        long offset = offset(entry);
        while (true) {
            synchronized (HOLDERS) {
                Optional<Holder> h = holder(root);
                if (h.isEmpty()) {
                    return NONE;
                }
                Holder holder = h.get();
                if (!holder.exclusive.contains(offset)) {
                    if (holder.sharers.containsKey(offset)) {
                        holder.sharers.merge(offset, 1, Integer::sum);
                        return () -> releaseShared(root, holder, offset);
                    }
                    FileLock lock;
                    try {
                        lock = holder.channel.tryLock(offset, 1, true);
                    } catch (IOException | OverlappingFileLockException e) {
                        // A file system without locks, or the same directory reached by another path
                        // in this JVM: go on unprotected rather than wait for ever.
                        forgetIfClosed(root, holder);
                        closeIfIdle(root, holder);
                        return NONE;
                    }
                    if (lock != null) {
                        holder.shared.put(offset, lock);
                        holder.sharers.put(offset, 1);
                        return () -> releaseShared(root, holder, offset);
                    }
                }
                closeIfIdle(root, holder);
            }
            try {
                // Polled rather than blocking under the monitor: the evictor's hold is one deletion.
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return NONE;
            }
        }
    }

    /** An exclusive lock on {@code entry} if nobody, in this process or another, holds it now. */
    static Optional<Lease> tryExclusive(Path cacheRoot, Path entry) {
        Path root = cacheRoot.toAbsolutePath().normalize();
        long offset = offset(entry);
        synchronized (HOLDERS) {
            Optional<Holder> h = holder(root);
            if (h.isEmpty()) {
                return Optional.empty();
            }
            Holder holder = h.get();
            FileLock lock = holder.sharers.containsKey(offset) || holder.exclusive.contains(offset) ? null
                    : tryExclusive(root, holder, offset);
            if (lock == null) {
                closeIfIdle(root, holder);
                return Optional.empty();
            }
            holder.exclusive.add(offset);
            return Optional.of(() -> {
                synchronized (HOLDERS) {
                    release(lock);
                    holder.exclusive.remove(offset);
                    closeIfIdle(root, holder);
                }
            });
        }
    }

    private static void releaseShared(Path root, Holder holder, long offset) {
        synchronized (HOLDERS) {
            int left = holder.sharers.merge(offset, -1, Integer::sum);
            if (left == 0) {
                holder.sharers.remove(offset);
                release(holder.shared.remove(offset));
                closeIfIdle(root, holder);
            }
        }
    }

    // The digest's first 60 bits: entries are named by their hex digest, spread evenly.
    static long offset(Path entry) {
        String name = entry.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, Math.min(15, name.length())), 16);
        } catch (NumberFormatException e) {
            return name.hashCode() & 0x7fffffffL;
        }
    }

    private static Optional<Holder> holder(Path root) {
        Holder holder = HOLDERS.get(root);
        if (holder != null) {
            return Optional.of(holder);
        }
        try {
            Files.createDirectories(root);
            FileChannel channel = FileChannel.open(root.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            holder = new Holder(channel);
            HOLDERS.put(root, holder);
            return Optional.of(holder);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileLock tryExclusive(Path root, Holder holder, long offset) {
        try {
            return holder.channel.tryLock(offset, 1, false);
        } catch (IOException | OverlappingFileLockException e) {
            // Overlapping: the same directory reached by another path in this JVM holds it.
            forgetIfClosed(root, holder);
            return null;
        }
    }

    // A channel closed under us (tryLock is not interruptible, but an I/O error may close it) takes
    // every lock made through it along: the next caller opens a new one rather than fail for ever.
    private static void forgetIfClosed(Path root, Holder holder) {
        if (!holder.channel.isOpen() && HOLDERS.get(root) == holder) {
            HOLDERS.remove(root);
        }
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
        } catch (IOException e) {
            // The channel is gone; so is the lock.
        }
    }

    private static void closeIfIdle(Path root, Holder holder) {
        if (holder.idle()) {
            if (HOLDERS.get(root) == holder) {
                HOLDERS.remove(root);
            }
            try {
                holder.channel.close();
            } catch (IOException e) {
                // Nothing was held through it.
            }
        }
    }
}
