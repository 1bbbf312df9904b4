package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import java.util.ArrayList;
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

    /** Candidates at most, so that trying every assignment stays quick. */
    private static final int MAX_CANDIDATES = 14;

    @Test
    void everyProofAgreesWithTheOptimumFoundByTryingEveryAssignment() {
        int tried = 0;
        int raised = 0;
        int provenByRaised = 0;
        for (long seed = 1; seed <= 12000; seed++) {
            VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
            RandomCase c = RandomCase.generate(seed, 5, policy);
            Encoding e = EncodingGoldenTest.encode(c.index(), c.request());
            int n = e.candidates();
            if (n > MAX_CANDIDATES || e.emptyClause() != null) {
                continue;
            }
            List<boolean[]> solutions = solutions(e);
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
        }
        assertTrue(tried > 1000, tried + " cases tried");
        assertTrue(raised > 40, raised + " cases where the live candidates raise the direct-rank bound");
        assertTrue(provenByRaised > 60, provenByRaised + " proofs of the direct rank by the raised bound");
    }

    private static List<boolean[]> solutions(Encoding e) {
        int n = e.candidates();
        List<boolean[]> solutions = new ArrayList<>();
        for (int bits = 0; bits < 1 << n; bits++) {
            boolean[] model = new boolean[e.variables() + 1];
            boolean dominated = false;
            for (int v = 1; v <= n; v++) {
                model[v] = (bits & 1 << (v - 1)) != 0;
                dominated |= model[v] && e.dominator[v] != 0;
            }
            if (!dominated && e.satisfiedBy(model)) {
                solutions.add(model);
            }
        }
        return solutions;
    }
}
