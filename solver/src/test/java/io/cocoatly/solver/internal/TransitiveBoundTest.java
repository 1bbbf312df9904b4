package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link TransitiveBound}, plain and refined, against every solution of small random cases, found by trying every
 * assignment: no solution (selecting no dominated candidate, as the optimiser's solver) has a transitive
 * rank below the bound, and every solution that meets it selects each designated candidate, which is
 * what {@link Bounds} builds its proof of the packages level on. The cases must also include bounds
 * above 0, or the check says nothing new.
 */
class TransitiveBoundTest {

    @Test
    void noSolutionGoesBelowTheBoundAndEveryOneMeetingItSelectsTheDesignated() {
        int positive = 0;
        int tried = 0;
        for (SmallCases.Case c : SmallCases.upTo(4000)) {
            Encoding e = c.encoding();
            int n = e.candidates();
            tried++;
            TransitiveBound bound = TransitiveBound.of(e, c.seed() % 4 < 2); // plain and refined in turn
            positive += bound.bound > 0 ? 1 : 0;
            for (boolean[] model : SmallCases.solutions(e)) {
                long cost = e.costs(model)[2];
                String where = "case " + c.seed() + ", solution " + selected(e, model);
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

    private static String selected(Encoding e, boolean[] model) {
        StringBuilder text = new StringBuilder();
        for (int v = 1; v <= e.candidates(); v++) {
            if (model[v]) {
                text.append(text.length() == 0 ? "" : " ").append(e.id(v));
            }
        }
        return "{" + text + "}";
    }
}
