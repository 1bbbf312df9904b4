package io.cocoatly.solver;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The outcome of resolving: a selection, or proof that none exists. "No solution" is not an exception. */
public sealed interface Resolution permits Resolution.Solved, Resolution.Unsatisfiable {

    /**
     * The names of the objective levels, in the order {@link Solved#objective()} reports them: the
     * lockfile and the JSON output use them as keys.
     */
    List<String> OBJECTIVE_LEVELS = List.of("preferred-changes", "direct-rank", "transitive-rank", "packages");

    /** Where the time went and how big the problem was. */
    Statistics statistics();

    /**
     * A selection of package versions that satisfies every constraint.
     *
     * @param packages  selected versions (the root excluded), sorted by name then version
     * @param optimal   whether the solver proved no better selection exists at every objective level
     * @param objective the value reached at each optimisation level, in order (lower is better)
     */
    record Solved(List<SelectedPackage> packages, boolean optimal, List<Long> objective,
                  Statistics statistics) implements Resolution {
        public Solved {
            packages = List.copyOf(packages);
            objective = List.copyOf(objective);
        }
    }

    /**
     * No selection satisfies the constraints.
     *
     * @param packages    the packages named by the conflicting constraints, sorted
     * @param explanation why, with suggested fixes; empty when it was not computed (a nested re-solve)
     */
    record Unsatisfiable(Set<PackageName> packages, Statistics statistics, Optional<Explanation> explanation)
            implements Resolution {
        public Unsatisfiable {
            packages = Set.copyOf(packages);
            java.util.Objects.requireNonNull(explanation, "explanation");
        }

        /** Without an explanation. */
        public Unsatisfiable(Set<PackageName> packages, Statistics statistics) {
            this(packages, statistics, Optional.empty());
        }
    }

    /**
     * One selected version.
     *
     * @param direct       whether the root depends on it directly
     * @param dependencies the selected versions its dependencies resolved to, sorted
     */
    record SelectedPackage(PackageId id, boolean direct, List<PackageId> dependencies) {
        public SelectedPackage {
            dependencies = List.copyOf(dependencies);
        }
    }
}
