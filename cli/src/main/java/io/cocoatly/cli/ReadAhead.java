package io.cocoatly.cli;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * One piece of reading done on a second thread while the command's own thread does another, joined
 * where the command needs it ({@link #start}), or done there and then ({@link #onJoin}): how {@code lock --check} and {@code install --locked} read the lockfile and
 * the registry entries it locks while a workspace's manifests are read. The two take about as long
 * each for 200 members; side by side they take less than their sum, though more than the longer of
 * them, since at start-up the JIT competes for the same cores (docs/workspaces.md, "Figures").
 *
 * <p>The work must only read: nothing it does may be seen before {@link #join}, and it prints
 * nothing of its own (a registry's warnings of the entries it leaves out are printed as they are
 * found, from whichever thread reads them, as with its prefetching: {@link LeftOutWarnings}). A
 * failure is not reported where it happens but thrown by {@link #join}, so a command that first
 * reports what its own thread read reports the same first error as when it read one thing after the
 * other. The thread is a daemon: a run that ends (or fails) without joining leaves no thread behind
 * to keep the JVM alive.
 *
 * @param <T> what the work returns
 */
final class ReadAhead<T> {

    private final FutureTask<T> task;
    /** Whether {@link #join} runs the work ({@link #onJoin}) rather than waiting for its thread. */
    private final boolean runOnJoin;

    private ReadAhead(Supplier<T> work, boolean runOnJoin) {
        this.task = new FutureTask<>(work::get);
        this.runOnJoin = runOnJoin;
    }

    /** Starts {@code work} on a new daemon thread named {@code cocoatly-read-ahead}. */
    static <T> ReadAhead<T> start(Supplier<T> work) {
        ReadAhead<T> ahead = new ReadAhead<>(work, false);
        Thread thread = new Thread(ahead.task, "cocoatly-read-ahead");
        thread.setDaemon(true);
        thread.start();
        return ahead;
    }

    /**
     * Runs {@code work} only when joined, on the joining thread: for a caller with nothing to do
     * meanwhile that is worth a thread, which then reads one thing after the other, as if it had not
     * asked for a read ahead.
     */
    static <T> ReadAhead<T> onJoin(Supplier<T> work) {
        return new ReadAhead<>(work, true);
    }

    /**
     * What the work returned, once it has: its unchecked exception or error, as thrown, if it failed.
     * Waits without giving up on an interrupt (the work only reads, and ends), which it then restores.
     */
    T join() {
        if (runOnJoin) {
            task.run(); // once: a task that ran does not run again
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause); // a Supplier throws nothing checked
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
