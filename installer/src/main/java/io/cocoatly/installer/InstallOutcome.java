package io.cocoatly.installer;

import io.cocoatly.model.PackageId;
import java.util.List;
import java.util.Objects;

/**
 * What an install did.
 *
 * @param plan       the plan executed (made under the lock, from the state found there)
 * @param state      the state committed (the previous one if the plan changed nothing)
 * @param recovery   leftovers of an interrupted earlier run that were cleaned up first
 * @param downloaded packages whose artifact was downloaded (the others of the plan's fetches came from the cache)
 * @param bytes      bytes downloaded
 */
public record InstallOutcome(InstallPlan plan, State state, HomeRecovery.Report recovery, List<PackageId> downloaded,
                             long bytes) {

    public InstallOutcome {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(recovery, "recovery");
        downloaded = downloaded.stream().sorted().toList();
    }
}
