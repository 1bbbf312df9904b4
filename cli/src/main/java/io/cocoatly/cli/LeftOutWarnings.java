package io.cocoatly.cli;

import io.cocoatly.registry.LeftOutRelease;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The release entries one command's registry left out because they could not be read
 * (docs/registry-protocol.md, "Index files and bad entries"), as warnings: listed in
 * {@code data.warnings} under {@code --json}, and in text mode printed on stderr as soon as they are
 * found, each once, so that they are seen even when the command then fails. The registry calls
 * {@link #accept} from whichever thread read the index file, hence the lock.
 */
final class LeftOutWarnings implements Consumer<LeftOutRelease> {

    private final Set<LeftOutRelease> found = new LinkedHashSet<>();
    private Context live;

    /**
     * Records {@code entry} and prints it if printing is live. An entry already recorded is ignored:
     * a command that opens its registry twice (to check, then to lock) still warns once.
     */
    @Override
    public synchronized void accept(LeftOutRelease entry) {
        if (!found.add(entry)) {
            return;
        }
        if (live != null) {
            live.warn(entry.text());
        }
    }

    /** The warnings so far, in the order found, as JSON lists them. */
    synchronized List<String> texts() {
        return found.stream().map(LeftOutRelease::text).toList();
    }

    /** Prints the warnings found so far on {@code err}, and every later one as it is found. */
    synchronized void printLive(Context context) {
        found.forEach(entry -> context.warn(entry.text()));
        live = context;
    }
}
