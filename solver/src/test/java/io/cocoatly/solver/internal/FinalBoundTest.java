package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@linkplain Sat#finalBound Final bounds}, as the optimiser adds them on its last level: on every
 * {@link SmallCases} case, with a random set of candidates left out, a solver that tries the packages
 * level one below each model it finds, each try added unguarded, finds a model exactly while one
 * exists below the bound, and stops at the least package count that brute force finds. A bound whose
 * every literal level 0 has set (sat4j's defect at {@link Sat#addAll}) is refused, as it must be below a
 * model's cost.
 */
class FinalBoundTest {

    @Test
    void finalBoundsOneBelowEachModelEndAtTheLeastCount() {
        Random random = new Random(17);
        int walks = 0;
        int improved = 0;
        int refusedAtOnce = 0;
        for (SmallCases.Case c : SmallCases.upTo(6000)) {
            Encoding e = c.encoding();
            boolean[] leftOut = SmallCases.leftOut(e, random, 4);
            Objective packages = e.objectives().get(e.objectives().size() - 1);
            assertTrue(packages.counts(), "the packages level counts");
            long least = Long.MAX_VALUE;
            for (boolean[] model : SmallCases.solutionsWithout(e, leftOut)) {
                least = Math.min(least, packages.cost(model));
            }
            Sat solver = new Sat(e.variables(), Budget.of(Optional.empty()), leftOut);
            solver.addAll(e.constraints());
            // A first model that selects what it can, so that the walk has cheaper ones to find.
            boolean[] everything = new boolean[e.variables() + 1];
            Arrays.fill(everything, true);
            solver.guide(everything);
            if (solver.solve() != Sat.Answer.SAT) {
                assertEquals(Long.MAX_VALUE, least, () -> "seed " + c.seed());
                continue;
            }
            walks++;
            long cost = packages.cost(solver.model(e.variables()));
            int models = 0;
            while (true) {
                long bound = cost - 1;
                solver.finalBound(packages, bound);
                Sat.Answer answer = solver.solve();
                assertEquals(bound >= least ? Sat.Answer.SAT : Sat.Answer.UNSAT, answer,
                        () -> "seed " + c.seed() + ": packages ≤ " + bound);
                if (answer == Sat.Answer.UNSAT) {
                    break;
                }
                boolean[] model = solver.model(e.variables());
                assertTrue(e.satisfiedBy(model) && SmallCases.noneOf(model, leftOut) && packages.cost(model) <= bound,
                        () -> "seed " + c.seed());
                cost = packages.cost(model);
                models++;
            }
            assertEquals(least, cost, () -> "seed " + c.seed());
            improved += models > 0 ? 1 : 0;
            refusedAtOnce += models == 0 ? 1 : 0;
        }
        int walked = walks;
        int better = improved;
        int atOnce = refusedAtOnce;
        assertTrue(walked > 2000 && better > 100 && atOnce > 1000,
                () -> walked + " walks, " + better + " found a cheaper model, " + atOnce + " were refused at once");
    }

    /** Every literal of the bound set at level 0 by units: the sum is fixed, and a bound below it refused. */
    @Test
    void aFinalBoundOverLiteralsSetAtLevelZeroIsRefusedBelowTheirSum() {
        Reason reason = new Reason.OneRoot();
        Sat solver = new Sat(3, Budget.of(Optional.empty()));
        solver.addAll(new ArrayList<>(List.of(Constraint.clause(reason, 1), Constraint.clause(reason, -2),
                Constraint.clause(reason, 3))));
        assertEquals(Sat.Answer.SAT, solver.solve());
        Objective count = new Objective("packages", new int[] {1, 2, 3}, new int[] {1, 1, 1});
        solver.finalBound(count, 1);
        assertEquals(Sat.Answer.UNSAT, solver.solve());
    }
}
