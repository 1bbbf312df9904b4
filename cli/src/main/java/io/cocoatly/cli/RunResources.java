package io.cocoatly.cli;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of the cli opened and must close when it ends, whatever the command did: the remote
 * registries (their fetching threads and connections). Keyed by the run's {@link Context}, so that
 * commands run in-process one after another, or side by side in tests, close only their own.
 */
final class RunResources {

    private static final Map<Context, List<AutoCloseable>> OPEN = new IdentityHashMap<>();

    private RunResources() {
    }

    /** Registers {@code resource} to be closed at the end of the run of {@code context}. */
    static synchronized void closeAtEnd(Context context, AutoCloseable resource) {
        OPEN.computeIfAbsent(context, c -> new ArrayList<>()).add(resource);
    }

    /** Closes what the run of {@code context} opened, newest first; a failure to close is ignored. */
    static void closeAll(Context context) {
        List<AutoCloseable> resources;
        synchronized (RunResources.class) {
            resources = OPEN.remove(context);
        }
        if (resources == null) {
            return;
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // Closing releases threads and sockets; the command's outcome is already decided.
            }
        }
    }
}
