package io.cocoatly.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A batch-wide stop signal: once cancelled, in-flight HTTP calls are cancelled through their
 * registered hooks and no new attempt starts.
 */
public final class Cancellation {

    /** A cancellation that never fires, for single downloads. */
    public static Cancellation never() {
        return new Cancellation();
    }

    private volatile boolean cancelled;
    private final Set<Runnable> hooks = ConcurrentHashMap.newKeySet();

    public boolean isCancelled() {
        return cancelled;
    }

    public void cancel() {
        cancelled = true;
        hooks.forEach(Runnable::run);
    }

    /** Runs {@code hook} on cancellation (at once if already cancelled) until the registration is closed. */
    public Registration register(Runnable hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    /** Ends a hook's registration. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
