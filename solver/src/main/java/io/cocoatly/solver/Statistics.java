package io.cocoatly.solver;

import java.time.Duration;

/**
 * Size and timing of one resolution. An answer proven before any encoding was built (the newest
 * releases, or the newest candidates, meeting every requirement they reach) has no variables and no
 * constraints.
 *
 * @param packagesLoaded packages read from the index
 * @param variables      boolean variables in the encoding (one per candidate version); 0 if none was built
 * @param constraints    constraints handed to the SAT solver
 * @param solverCalls    SAT calls made, optimisation steps included
 */
public record Statistics(int packagesLoaded, int variables, int constraints, int solverCalls,
                         Duration load, Duration encode, Duration solve) {

    public Duration total() {
        return load.plus(encode).plus(solve);
    }
}
