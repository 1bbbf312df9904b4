package io.cocoatly.transport;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stop signal shared by the gets of a batch: once cancelled, calls in flight are cancelled through
 * their registered hooks, waits between retries end at once, and no new attempt starts.
 */
public final class Cancellation {

    private final CountDownLatch fired = new CountDownLatch(1);
    private final Set<Runnable> hooks = ConcurrentHashMap.newKeySet();

    /** A cancellation that has not fired yet. */
    public Cancellation() {
    }

    /** A cancellation nobody else holds, so it never fires: for single gets. */
    public static Cancellation never() {
        return new Cancellation();
    }

    /** True once {@link #cancel()} was called. */
    public boolean isCancelled() {
        return fired.getCount() == 0;
    }

    /** Fires: runs every registered hook and wakes every {@link #sleep}. Later calls do nothing more. */
    public void cancel() {
        fired.countDown();
        hooks.forEach(Runnable::run);
    }

    /** Runs {@code hook} on cancellation (at once if already cancelled) until the registration is closed. */
    public Registration register(Runnable hook) {
        hooks.add(hook);
        if (isCancelled()) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    /**
     * Waits {@code delay}, or less if cancelled meanwhile.
     *
     * @return true if the whole delay passed, false if cancelled (or the thread was interrupted, whose
     *         flag is then set again)
     */
    boolean sleep(Duration delay) {
        try {
            return !fired.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends a hook's registration. */
    public interface Registration extends AutoCloseable {
        /** Removes the hook; it will not run any more. */
        @Override
        void close();
    }
}
