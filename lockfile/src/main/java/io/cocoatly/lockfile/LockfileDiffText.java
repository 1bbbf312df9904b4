package io.cocoatly.lockfile;

import io.cocoatly.lockfile.LockfileDiff.Added;
import io.cocoatly.lockfile.LockfileDiff.Change;
import io.cocoatly.lockfile.LockfileDiff.Changed;
import io.cocoatly.lockfile.LockfileDiff.Removed;
import io.cocoatly.model.PackageName;
import java.util.Map;

/**
 * Renders a {@link LockfileDiff} as lines: {@code + name version}, {@code - name version},
 * {@code ~ name from -> to}, each optionally followed by its reason in parentheses.
 */
public final class LockfileDiffText {

    private LockfileDiffText() {
    }

    /** One line per change, each ending in {@code \n}; the empty string for an empty diff. */
    public static String render(LockfileDiff diff) {
        return render(diff, Map.of());
    }

    /**
     * As {@link #render(LockfileDiff)}, with {@code  (reason)} after the line of each package that
     * has a reason in {@code reasons}.
     */
    public static String render(LockfileDiff diff, Map<PackageName, String> reasons) {
        StringBuilder s = new StringBuilder();
        for (Change change : diff.changes()) {
            s.append(line(change));
            String reason = reasons.get(change.name());
            if (reason != null) {
                s.append(" (").append(reason).append(')');
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** The line for one change, without reason or newline. */
    public static String line(Change change) {
        if (change instanceof Added) {
            Added a = (Added) change;
            return "+ " + a.name() + " " + a.id().version();
        }
        if (change instanceof Removed) {
            Removed r = (Removed) change;
            return "- " + r.name() + " " + r.id().version();
        }
        if (change instanceof Changed) {
            Changed c = (Changed) change;
            return "~ " + c.name() + " " + c.from() + " -> " + c.to();
        }
        throw new AssertionError(change);
    }
}
