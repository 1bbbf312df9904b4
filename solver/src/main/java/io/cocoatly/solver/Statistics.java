package io.cocoatly.solver;

import java.time.Duration;

/**
 * Size and timing of one resolution.
 *
 * @param packagesLoaded packages read from the index
 * @param variables      boolean variables in the encoding (one per candidate version)
 * @param constraints    constraints handed to the SAT solver
 * @param solverCalls    SAT calls made, optimisation steps included
 */
public record Statistics(int packagesLoaded, int variables, int constraints, int solverCalls,
                         Duration load, Duration encode, Duration solve) {

    public Duration total() {
        return load.plus(encode).plus(solve);
    }
}
