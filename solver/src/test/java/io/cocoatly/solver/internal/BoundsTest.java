package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Bounds} against every solution of small random cases, found by trying every assignment (a
 * solution selects no dominated candidate, as the optimiser's solver): no solution selects a candidate
 * {@link TransitiveBound} finds dead, no solution's direct rank is below either direct-rank bound, and
 * whenever {@code Bounds.proves} says a solution is optimal at a level, given optimal earlier levels,
 * its cost there is the lexicographic optimum's. The cases must include ones where the live candidates
 * raise the direct-rank bound, and proofs that use it, or the check says nothing new.
 */
class BoundsTest {

    @Test
    void everyProofAgreesWithTheOptimumFoundByTryingEveryAssignment() {
        int tried = 0;
        int raised = 0;
        int provenByRaised = 0;
        int startsAbove = 0;
        for (SmallCases.Case c : SmallCases.upTo(12000)) {
            Encoding e = c.encoding();
            long seed = c.seed();
            int n = e.candidates();
            List<boolean[]> solutions = SmallCases.solutions(e);
            if (solutions.isEmpty()) {
                continue;
            }
            tried++;
            TransitiveBound t = TransitiveBound.of(e, true);
            long cheap = Bounds.directRankBound(e, null);
            long live = Bounds.directRankBound(e, t.dead);
            raised += live > cheap ? 1 : 0;
            long[] optimum = null;
            for (boolean[] model : solutions) {
                long[] costs = e.costs(model);
                optimum = optimum == null || Arrays.compare(costs, optimum) < 0 ? costs : optimum;
                for (int v = 1; v <= n; v++) {
                    assertFalse(model[v] && t.dead[v], "case " + seed + ": a solution selects dead " + e.id(v));
                }
                assertTrue(costs[1] >= live && live >= cheap, "case " + seed + ": direct rank " + costs[1]
                        + " below a bound (" + cheap + ", " + live + ")");
                assertTrue(costs[2] >= t.bound, "case " + seed + ": transitive rank " + costs[2]
                        + " below the refined bound " + t.bound);
            }
            for (boolean[] model : solutions) {
                long[] costs = e.costs(model);
                for (int k = 0; k < costs.length; k++) {
                    if (!Arrays.equals(costs, 0, k, optimum, 0, k)) {
                        break; // the levels before k are not optimal: proves says nothing about k
                    }
                    if (Bounds.proves(e, k, model, costs)) {
                        assertEquals(optimum[k], costs[k], "case " + seed + ": level " + k + " proven at "
                                + costs[k] + ", optimum " + Arrays.toString(optimum));
                        provenByRaised += k == 1 && live > cheap && costs[1] == live ? 1 : 0;
                    }
                }
            }
            // Where the optimiser's search starts, after the proofs above have computed what they
            // could: below every solution, whatever its earlier levels.
            for (boolean[] model : solutions) {
                long[] costs = e.costs(model);
                for (int k = 0; k < costs.length; k++) {
                    long lower = Bounds.lower(e, k);
                    assertTrue(costs[k] >= lower, "case " + seed + ": level " + k + " costs " + costs[k]
                            + ", below the lower bound " + lower);
                    startsAbove += k == 2 && lower > 0 ? 1 : 0;
                }
            }
        }
        assertTrue(tried > 1000, tried + " cases tried");
        assertTrue(raised > 40, raised + " cases where the live candidates raise the direct-rank bound");
        assertTrue(provenByRaised > 60, provenByRaised + " proofs of the direct rank by the raised bound");
        assertTrue(startsAbove > 20, startsAbove + " solutions whose transitive level's search would start above 0");
    }

    /**
     * The plain proofs ({@code refine} false), which the optimiser tries before the dominated candidates
     * are found: with none known dead, a model they prove optimal at a level, given optimal earlier
     * levels, costs there what the optimum over every solution costs, dominated candidates allowed.
     * Proofs of a transitive rank above 0 must be among them, or the check says little.
     */
    @Test
    void thePlainProofsBeforeDominanceAgreeWithTheOptimum() {
        int proven = 0;
        for (SmallCases.Case c : SmallCases.upTo(12000)) {
            Encoding e = c.encoding();
            long seed = c.seed();
            List<boolean[]> all = SmallCases.solutions(e, true);
            if (all.isEmpty()) {
                continue;
            }
            long[] optimum = SmallCases.optimum(e, all);
            // As before Dominance has run: no candidate dominated, no bound computed knowing one.
            int[] dominator = e.dominator.clone();
            Arrays.fill(e.dominator, 0);
            e.transitive = null;
            e.refined = null;
            for (boolean[] model : all) {
                long[] costs = e.costs(model);
                for (int k = 0; k < costs.length; k++) {
                    if (!Arrays.equals(costs, 0, k, optimum, 0, k)) {
                        break;
                    }
                    if (Bounds.proves(e, k, model, costs, false)) {
                        assertEquals(optimum[k], costs[k], "case " + seed + ": level " + k + " proven at "
                                + costs[k] + " before dominance, optimum " + Arrays.toString(optimum));
                        proven += k == 2 && costs[2] > 0 ? 1 : 0;
                    }
                }
            }
            System.arraycopy(dominator, 0, e.dominator, 0, dominator.length);
            e.transitive = null;
            e.refined = null;
        }
        assertTrue(proven > 100, proven + " proofs of a transitive rank above 0 before dominance");
    }

    /**
     * {@link Bounds#provesNewest}, which the optimiser asks before the dominated candidates are found:
     * it says the same whether they are known or not, and a model it proves is the optimum and the
     * only solution at that cost, dominated candidates allowed, so no other guess could give another
     * answer.
     */
    @Test
    void theProofOfTheNewestNeedsNoDominanceAndNamesTheOnlyOptimum() {
        int proven = 0;
        int withDominated = 0;
        for (SmallCases.Case c : SmallCases.upTo(12000)) {
            Encoding e = c.encoding();
            long seed = c.seed();
            int[] dominator = e.dominator.clone();
            withDominated += Arrays.stream(dominator).anyMatch(d -> d != 0) ? 1 : 0;
            List<boolean[]> all = SmallCases.solutions(e, true);
            for (boolean[] model : all) {
                long[] costs = e.costs(model);
                boolean known = Bounds.provesNewest(e, model, costs);
                Arrays.fill(e.dominator, 0);
                boolean unknown = Bounds.provesNewest(e, model, costs);
                System.arraycopy(dominator, 0, e.dominator, 0, dominator.length);
                assertEquals(known, unknown, "case " + seed + ": the proof depends on the dominated candidates");
                if (!known) {
                    continue;
                }
                proven++;
                for (boolean[] other : all) {
                    long[] otherCosts = e.costs(other);
                    assertTrue(Arrays.compare(otherCosts, costs) >= 0, "case " + seed + ": a solution costs "
                            + Arrays.toString(otherCosts) + ", less than the proven " + Arrays.toString(costs));
                    assertTrue(Arrays.equals(other, model) || !Arrays.equals(otherCosts, costs),
                            "case " + seed + ": another solution at the proven cost " + Arrays.toString(costs));
                }
            }
        }
        assertTrue(proven > 1000, proven + " models proven");
        assertTrue(withDominated > 500, withDominated + " cases with dominated candidates");
    }
}
