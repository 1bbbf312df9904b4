package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import org.junit.jupiter.api.Test;

/**
 * {@link TransitiveBound}, plain and refined, against every solution of small random cases, found by trying every
 * assignment: no solution (selecting no dominated candidate, as the optimiser's solver) has a transitive
 * rank below the bound, and every solution that meets it selects each designated candidate, which is
 * what {@link Bounds} builds its proof of the packages level on. The cases must also include bounds
 * above 0, or the check says nothing new.
 */
class TransitiveBoundTest {

    /** Candidates at most, so that trying every assignment stays quick. */
    private static final int MAX_CANDIDATES = 14;

    @Test
    void noSolutionGoesBelowTheBoundAndEveryOneMeetingItSelectsTheDesignated() {
        int positive = 0;
        int tried = 0;
        for (long seed = 1; seed <= 4000; seed++) {
            VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
            RandomCase c = RandomCase.generate(seed, 5, policy);
            Encoding e = EncodingGoldenTest.encode(c.index(), c.request());
            int n = e.candidates();
            if (n > MAX_CANDIDATES || e.emptyClause() != null) {
                continue;
            }
            tried++;
            TransitiveBound bound = TransitiveBound.of(e, seed % 4 < 2);
            positive += bound.bound > 0 ? 1 : 0;
            boolean[] model = new boolean[e.variables() + 1];
            for (int bits = 0; bits < 1 << n; bits++) {
                boolean dominated = false;
                for (int v = 1; v <= n; v++) {
                    model[v] = (bits & 1 << (v - 1)) != 0;
                    dominated |= model[v] && e.dominator[v] != 0;
                }
                if (dominated || !e.satisfiedBy(model)) {
                    continue;
                }
                long cost = e.costs(model)[2];
                String where = "case " + seed + ", solution " + Integer.toBinaryString(bits);
                assertTrue(cost >= bound.bound, where + " goes below the bound " + bound.bound);
                if (cost == bound.bound) {
                    for (int v = 1; v <= n; v++) {
                        assertTrue(!bound.designated[v] || model[v], where + " meets the bound without " + e.id(v));
                    }
                }
            }
        }
        assertTrue(tried > 1000, tried + " cases tried");
        assertTrue(positive > 20, positive + " cases with a bound above 0");
    }
}
