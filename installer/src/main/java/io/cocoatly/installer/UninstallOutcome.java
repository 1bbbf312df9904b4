package io.cocoatly.installer;

import io.cocoatly.model.PackageId;
import java.util.List;
import java.util.Objects;

/**
 * What an uninstall did.
 *
 * @param removed    the package versions removed because they were asked for, sorted
 * @param orphans    the package versions removed because only those needed them, sorted
 * @param dependents installed packages that still depend on a removed one (non-empty only with {@code force})
 * @param state      the state committed
 */
public record UninstallOutcome(List<PackageId> removed, List<PackageId> orphans, List<PackageId> dependents,
                               State state) {

    public UninstallOutcome {
        removed = removed.stream().sorted().toList();
        orphans = orphans.stream().sorted().toList();
        dependents = dependents.stream().sorted().distinct().toList();
        Objects.requireNonNull(state, "state");
    }

    /** An uninstall that removed no orphans. */
    public UninstallOutcome(List<PackageId> removed, List<PackageId> dependents, State state) {
        this(removed, List.of(), dependents, state);
    }
}
