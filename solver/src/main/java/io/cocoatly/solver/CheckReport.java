package io.cocoatly.solver;

import java.time.Duration;
import java.util.List;

/**
 * The installability of every version of the checked packages.
 *
 * @param results     one per version, sorted by name then version
 * @param solverCalls SAT calls made; versions proven installable by another version's model need none
 * @param time        wall-clock time of the whole check, loading included
 */
public record CheckReport(List<VersionCheck> results, int solverCalls, Duration time) {

    public CheckReport {
        results = List.copyOf(results);
    }

    /** How many versions cannot be installed. */
    public long uninstallable() {
        return results.stream().filter(r -> !r.installable()).count();
    }
}
