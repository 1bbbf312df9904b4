package io.cocoatly.installer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A batch-wide stop signal: once cancelled, in-flight HTTP calls are cancelled through their
 * registered hooks and no new attempt starts.
 */
final class Cancellation {

    /** A cancellation that never fires, for single downloads. */
    static Cancellation never() {
        return new Cancellation();
    }

    private volatile boolean cancelled;
    private final Set<Runnable> hooks = ConcurrentHashMap.newKeySet();

    boolean isCancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
        hooks.forEach(Runnable::run);
    }

    /** Runs {@code hook} on cancellation (at once if already cancelled) until the registration is closed. */
    Registration register(Runnable hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    /** Ends a hook's registration. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
