package io.cocoatly.solver.internal;

/**
 * Which bound the optimiser tries next at one objective level: the search for the least cost c* in
 * {@code [lo, best]}, where every solution costs at least lo and a model of cost best is known.
 *
 * <p>Steps down from the best cost: try {@code b = max(lo, best − step)}, with step 1 for the first
 * {@value #LINEAR_FINDS} tries, then 2, 4, … while each try finds a model (its cost becomes best); an
 * UNSAT answer proves {@code c* > b}, so lo becomes b + 1 and the steps start again at 1. The search is
 * done when {@code lo = best}: the last UNSAT, at best − 1, proved best optimal (or best reached the
 * lower bound itself).
 *
 * <p>Why this shape, measured on crates.io projects (docs/performance.md):
 * <ul>
 *   <li>one step at a time ({@code b = best − 1}) took 176 calls and 2.5 s when the first model was far
 *       from the optimum (direct rank 462 against 114), each model only a little better;</li>
 *   <li>halving {@code [lo, best]} took 26 calls and 1.1 s there, but 12 calls instead of 2 where the
 *       first model was one step from the optimum: its tries far below c* are UNSAT, and the UNSAT
 *       calls just below c* are the expensive ones;</li>
 *   <li>exponential steps from the top take {@code O(log(best − c*))} calls in both cases: 2 calls
 *       when one step away, 52 cheap calls and 1.1 s in the far case.</li>
 *   <li>but once an UNSAT answer has bounded the level from below, a gap of at most
 *       {@value #CLOSING_GAP} left is closed one step at a time: a doubled step there mostly tried a bound
 *       below the optimum, an UNSAT call (the expensive kind) proving nothing the last one does not. Over
 *       every version of the top-300 crates.io crates, each root run both ways in one JVM, the total fell
 *       from 9,559 to 8,784 ms, every objective the same; {@code glium} 0.x (160–175 ms each, 9 calls)
 *       lost one UNSAT call of about 25 ms. Wider gaps gained little more and slowed some roots by up to
 *       7× (more SAT calls where the models came one unit at a time).</li>
 *   <li>since every model the solver returns is first {@linkplain LocalImprovement improved}, what is
 *       left to gain usually takes a change no single move makes, and the next try at best − 1 finds
 *       it or proves the optimum; doubling from the first model on mostly tried bounds below the
 *       optimum, whose UNSAT answers were the costliest calls ({@code glium} 0.0.1's packages: 88
 *       refuted in 318 ms, where 91 took 13 ms). The first {@value #LINEAR_FINDS} tries one step at a
 *       time: over every version of the top-300 crates, each root both ways in one JVM, −9 to −11 %
 *       in all (every objective the same), about as much as never doubling, which is linear in a far
 *       first model's gap (the 176 calls above); 2 instead of 5 gained 2 % less.</li>
 *   <li>measured again once the bounds were stated over {@link CostSteps}, which made the UNSAT calls
 *       just below an optimum ten times cheaper: halving the gap after the first model was still 7 %
 *       slower over every version, and other step counts and closing gaps within the noise.</li>
 * </ul>
 */
final class CostSearch {

    private long lower;
    private long best;
    private long step = 1;
    /** Whether an UNSAT answer has raised {@code lower} (it is then close to the optimum). */
    private boolean refutedOnce;
    /** Models found since the search started or an UNSAT answer last raised {@code lower}. */
    private int finds;

    /** Tries at best − 1 after the start or an UNSAT answer, before the steps double. */
    static final int LINEAR_FINDS = 5;

    /** The gap between the lower bound and the best cost that is closed one step at a time. */
    static final long CLOSING_GAP = 4;

    /**
     * @param lower no solution costs less (a {@link Bounds#lower} bound)
     * @param best  the cost of a known model
     */
    CostSearch(long lower, long best) {
        this.lower = lower;
        this.best = best;
    }

    /** Whether the best cost is proven optimal: no solution costs less than it. */
    boolean done() {
        return best <= lower;
    }

    /** The bound to try next: is there a model of cost ≤ this? Only while not {@link #done()}. */
    long nextBound() {
        return Math.max(lower, best - step);
    }

    /** A model of cost {@code cost} (≤ the bound tried) was found. */
    void found(long cost) {
        best = cost;
        finds++;
        step = finds < LINEAR_FINDS || refutedOnce && best - lower <= CLOSING_GAP ? 1 : step * 2;
    }

    /** No model of cost ≤ {@code bound} exists. */
    void refuted(long bound) {
        lower = bound + 1;
        step = 1;
        finds = 0;
        refutedOnce = true;
    }

    /** The best cost found so far. */
    long best() {
        return best;
    }
}
