package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TransitiveBound#reduce}, from the plain and the refined analysis in turn, against every
 * solution of small random cases (selecting no dominated candidate, as the optimiser's solver): on
 * every objective level, the reduced terms plus the offset are the level's cost, so a bound on them
 * has exactly the solutions of the bound on the cost. The cases must take something out on the
 * transitive and the packages levels, or the check says little.
 */
class ReducedBoundTest {

    @Test
    void theReducedTermsPlusTheOffsetAreTheCostOfEverySolution() {
        int[] withOffset = new int[4];
        int solutions = 0;
        for (SmallCases.Case c : SmallCases.upTo(3000)) {
            Encoding e = c.encoding();
            TransitiveBound bound = TransitiveBound.of(e, c.seed() % 2 == 0);
            List<Objective> levels = e.objectives();
            for (int k = 0; k < levels.size(); k++) {
                TransitiveBound.Reduced reduced = bound.reduce(e, levels.get(k));
                withOffset[k] += reduced.offset() > 0 ? 1 : 0;
                for (boolean[] model : SmallCases.solutions(e)) {
                    assertEquals(levels.get(k).cost(model), reduced.terms().cost(model) + reduced.offset(),
                            "case " + c.seed() + ", level " + k);
                    solutions++;
                }
            }
        }
        int transitive = withOffset[2];
        int packages = withOffset[3];
        int checked = solutions;
        assertTrue(transitive > 15 && packages > 400 && checked > 5000,
                () -> transitive + " transitive and " + packages + " packages levels reduced, " + checked + " checked");
    }
}
