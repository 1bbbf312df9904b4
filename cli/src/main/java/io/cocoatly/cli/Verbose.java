package io.cocoatly.cli;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Whether a run asked for {@code --verbose}: recorded by {@link Cli} from the parse result before the
 * command runs, and read where a command says more than usual (which manifest it used). Keyed by the
 * run's {@link Context}, like {@link RunResources}, so in-process runs side by side do not mix.
 */
final class Verbose {

    private static final Map<Context, Boolean> RUNS = new IdentityHashMap<>();

    private Verbose() {
    }

    static synchronized void set(Context context, boolean verbose) {
        RUNS.put(context, verbose);
    }

    /** Whether the run of {@code context} is verbose; false outside a run. */
    static synchronized boolean of(Context context) {
        return RUNS.getOrDefault(context, false);
    }

    static synchronized void clear(Context context) {
        RUNS.remove(context);
    }
}
