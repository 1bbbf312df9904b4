package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CostSteps} against every solution of small random cases, on every objective level as the
 * optimiser bounds it (reduced) and as it stands: the steps the definitions force from a solution's
 * candidates (their least model, the definitions being Horn) satisfy every definition and sum to the
 * level's cost. Any steps that satisfy the definitions include those, so a bound on the steps has
 * exactly the solutions of the bound on the cost. The cases must make steps of groups of several
 * terms and costs, or the check says little.
 */
class CostStepsTest {

    @Test
    void theForcedStepsSumToTheCostOfEverySolution() {
        int chains = 0;
        int solutions = 0;
        for (SmallCases.Case c : SmallCases.upTo(3000)) {
            Encoding e = c.encoding();
            TransitiveBound bound = TransitiveBound.of(e, c.seed() % 2 == 0);
            for (Objective level : e.objectives()) {
                for (Objective terms : List.of(level, bound.reduce(e, level).terms())) {
                    int[] next = {e.variables()};
                    CostSteps.Stepped stepped = CostSteps.of(e, terms, () -> ++next[0]);
                    chains += stepped.definitions().stream().filter(d -> d.literals()[1] > e.variables()
                            && -d.literals()[0] > e.variables()).count();
                    for (boolean[] solution : SmallCases.solutions(e)) {
                        boolean[] model = leastModel(solution, next[0], stepped.definitions());
                        for (Constraint d : stepped.definitions()) {
                            assertTrue(d.holds(model), "case " + c.seed() + ": " + d);
                        }
                        assertEquals(terms.cost(solution), stepped.terms().cost(model),
                                "case " + c.seed() + ", level " + level.name());
                        solutions++;
                    }
                }
            }
        }
        int steps = chains;
        int checked = solutions;
        assertTrue(steps > 100 && checked > 10000, () -> steps + " steps implying another, " + checked + " checked");
    }

    /** {@code solution} over variables 1..n, with every step the definitions {@code a → b} force from it. */
    private static boolean[] leastModel(boolean[] solution, int n, List<Constraint> definitions) {
        boolean[] model = java.util.Arrays.copyOf(solution, n + 1);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Constraint d : definitions) {
                int premise = -d.literals()[0];
                int conclusion = d.literals()[1];
                if (model[premise] && !model[conclusion]) {
                    model[conclusion] = true;
                    changed = true;
                }
            }
        }
        return model;
    }
}
