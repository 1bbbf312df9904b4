package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link LocalImprovement} on every solution of every {@link SmallCases} case: the result is still a
 * solution, no level costs more, and no single move is left that the full check of every constraint
 * ({@link Encoding#satisfiedBy}) would allow, so its look at the edges into one package misses
 * nothing and forbids nothing.
 */
class LocalImprovementTest {

    @Test
    void improvesEverySolutionToOneNoSingleMoveImprovesFurther() {
        int improved = 0;
        int solutions = 0;
        for (SmallCases.Case c : SmallCases.upTo(1500)) {
            Encoding e = c.encoding();
            e.findDominated();
            LocalImprovement improvement = LocalImprovement.of(e);
            for (boolean[] solution : SmallCases.solutions(e)) {
                boolean[] model = solution.clone();
                improvement.improve(model);
                long[] before = e.costs(solution);
                long[] after = e.costs(model);
                String where = "seed " + c.seed();
                assertTrue(e.satisfiedBy(model), where);
                for (int k = 0; k < before.length; k++) {
                    assertTrue(after[k] <= before[k], where + ", level " + k);
                }
                improved += java.util.Arrays.equals(before, after) ? 0 : 1;
                solutions++;
                assertNoMoveLeft(e, model, where);
            }
        }
        int better = improved;
        int all = solutions;
        assertTrue(better > all / 10 && better < all, () -> better + " of " + all + " solutions improved");
    }

    private static void assertNoMoveLeft(Encoding e, boolean[] model, String where) {
        for (int v = 1; v <= e.candidates(); v++) {
            if (!model[v]) {
                continue;
            }
            model[v] = false;
            assertFalse(e.satisfiedBy(model), where + ": " + v + " could be dropped");
            for (int w = 1; w <= e.candidates(); w++) {
                if (e.group[w] == e.group[v] && e.rank[w] < e.rank[v] && !e.blocked(w) && (!e.change[w] || e.change[v])) {
                    model[w] = true;
                    assertFalse(e.satisfiedBy(model), where + ": " + v + " could be " + w);
                    model[w] = false;
                }
            }
            model[v] = true;
        }
    }
}
