package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Variables {@linkplain Sat#Sat(int, Budget, boolean[]) left out} of sat4j: a solver given every
 * constraint of a {@link SmallCases} encoding, with a random set L of candidates left out, answers as
 * the assignments that hold every constraint with L false do, found by trying every assignment. The
 * full constraints (not the live ones) hold literals of L of both signs in clauses and sums, so each
 * way of simplifying them is taken. Bounds on every objective level, models, assumptions and the
 * assumptions a conflict names are all in the caller's numbering.
 */
class SatLeftOutTest {

    @Test
    void aSolverWithVariablesLeftOutAnswersAsIfTheyWereFalse() {
        Random random = new Random(11);
        int sat = 0;
        int unsat = 0;
        int namedConflicts = 0;
        for (SmallCases.Case c : SmallCases.upTo(1200)) {
            Encoding e = c.encoding();
            boolean[] leftOut = SmallCases.leftOut(e, random, 3);
            List<boolean[]> solutions = SmallCases.solutionsWithout(e, leftOut);
            Sat solver = new Sat(e.variables(), Budget.of(Optional.empty()), leftOut);
            solver.addAll(e.constraints());
            Sat.Answer answer = solver.solve();
            assertEquals(solutions.isEmpty() ? Sat.Answer.UNSAT : Sat.Answer.SAT, answer, () -> "seed " + c.seed());
            if (answer == Sat.Answer.UNSAT) {
                unsat++;
                continue;
            }
            sat++;
            boolean[] model = solver.model(e.variables());
            assertTrue(e.satisfiedBy(model) && SmallCases.noneOf(model, leftOut), () -> "seed " + c.seed());

            // A bound on each level around its least cost: admitted exactly when a solution meets it.
            List<Objective> levels = e.objectives();
            for (Objective level : levels) {
                long least = solutions.stream().mapToLong(level::cost).min().orElseThrow();
                long bound = Math.max(0, least - 1 + random.nextInt(3));
                int selector = solver.tryBound(level, bound);
                Sat.Answer bounded = solver.solve(selector);
                assertEquals(bound >= least ? Sat.Answer.SAT : Sat.Answer.UNSAT, bounded,
                        () -> "seed " + c.seed() + ", " + level.name() + " ≤ " + bound);
                if (bounded == Sat.Answer.SAT) {
                    boolean[] m = solver.model(e.variables());
                    assertTrue(e.satisfiedBy(m) && SmallCases.noneOf(m, leftOut) && level.cost(m) <= bound,
                            () -> "seed " + c.seed());
                }
            }
            solver.retireBound();

            // Candidates assumed selected: refused exactly when no solution selects them all, and then
            // the conflict names assumptions only, which refuse as much on their own.
            int[] assumed = assumable(e, leftOut, random);
            boolean admitted = solutions.stream().anyMatch(s -> Arrays.stream(assumed).allMatch(v -> s[v]));
            Sat.Answer assuming = solver.solve(assumed);
            assertEquals(admitted ? Sat.Answer.SAT : Sat.Answer.UNSAT, assuming, () -> "seed " + c.seed());
            if (!admitted) {
                int[] named = solver.explanation();
                for (int literal : named) {
                    assertTrue(Arrays.stream(assumed).anyMatch(a -> a == literal),
                            () -> "seed " + c.seed() + ": " + literal + " was not assumed");
                }
                if (named.length > 0) {
                    namedConflicts++;
                    assertEquals(Sat.Answer.UNSAT, solver.solve(named), () -> "seed " + c.seed());
                }
            }
        }
        int solved = sat;
        int refused = unsat;
        int named = namedConflicts;
        assertTrue(solved > 200 && refused > 50 && named > 20,
                () -> solved + " satisfiable, " + refused + " not, " + named + " conflicts named assumptions");
    }

    /**
     * Random formulas of clauses and sums with literals of both signs and coefficients above 1 (the
     * encodings' sums hold positive literals only), each with a random set left out, against every
     * assignment; a sum guarded by a selector of a variable left out never applies.
     */
    @Test
    void randomFormulasWithVariablesLeftOutAnswerAsIfTheyWereFalse() {
        Random random = new Random(5);
        Reason reason = new Reason.OneRoot();
        int n = 6;
        int[] answers = new int[2];
        for (int round = 0; round < 3000; round++) {
            boolean[] leftOut = new boolean[n + 1];
            for (int v = 1; v <= n; v++) {
                leftOut[v] = random.nextInt(3) == 0;
            }
            List<Constraint> constraints = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(5); k++) {
                // Distinct variables, as in every constraint the resolver makes.
                List<Integer> order = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6));
                java.util.Collections.shuffle(order, random);
                int size = 1 + random.nextInt(4);
                int[] literals = new int[size];
                int[] coefficients = new int[size];
                for (int i = 0; i < size; i++) {
                    literals[i] = order.get(i) * (random.nextBoolean() ? 1 : -1);
                    coefficients[i] = 1 + random.nextInt(3);
                }
                constraints.add(random.nextBoolean() ? Constraint.clause(reason, literals)
                        : Constraint.atMost(reason, literals, coefficients, random.nextInt(5)));
            }
            // Each sum under a selector that is then assumed: a sum whose literals another sum has set at
            // level 0 meets sat4j's defect that Sat#addAll works around.
            Sat solver = new Sat(n, Budget.of(Optional.empty()), leftOut);
            List<Integer> selectors = new ArrayList<>();
            for (Constraint c : constraints) {
                int selector = c.kind() == Constraint.Kind.AT_MOST ? solver.newVariable() : 0;
                solver.add(c, selector);
                if (selector != 0) {
                    selectors.add(selector);
                }
            }
            // A guard of a variable left out switches its constraint off.
            int guard = 1 + random.nextInt(n);
            if (leftOut[guard]) {
                solver.add(Constraint.clause(reason, 1, 2, 3, 4, 5, 6), guard);
                solver.add(Constraint.atMost(reason, new int[] {1, 2, 3, 4, 5, 6}, new int[] {1, 1, 1, 1, 1, 1}, 0),
                        guard);
            }
            boolean satisfiable = false;
            for (int bits = 0; bits < 1 << n; bits++) {
                boolean[] model = new boolean[n + 1];
                for (int v = 1; v <= n; v++) {
                    model[v] = (bits & 1 << (v - 1)) != 0;
                }
                satisfiable |= SmallCases.noneOf(model, leftOut) && constraints.stream().allMatch(c -> c.holds(model));
            }
            int r = round;
            Sat.Answer answer = solver.solve(selectors.stream().mapToInt(Integer::intValue).toArray());
            assertEquals(satisfiable ? Sat.Answer.SAT : Sat.Answer.UNSAT, answer,
                    () -> "round " + r + ": " + constraints + " leaving out " + Arrays.toString(leftOut));
            if (answer == Sat.Answer.SAT) {
                boolean[] model = solver.model(n);
                assertTrue(SmallCases.noneOf(model, leftOut) && constraints.stream().allMatch(c -> c.holds(model)),
                        () -> "round " + r);
            }
            answers[satisfiable ? 0 : 1]++;
        }
        assertTrue(answers[0] > 500 && answers[1] > 500, () -> Arrays.toString(answers));
    }

    @Test
    void aSumOverNegatedVariablesLeftOutAboveItsBoundIsAContradiction() {
        Sat solver = new Sat(2, Budget.of(Optional.empty()), new boolean[] {false, true, false});
        solver.add(Constraint.atMost(new Reason.OneRoot(), new int[] {-1, 2}, new int[] {2, 1}, 1), 0);
        assertTrue(solver.contradiction());
    }

    @Test
    void aVariableLeftOutIsNotToBeAssumed() {
        boolean[] leftOut = {false, false, true};
        Sat solver = new Sat(2, Budget.of(Optional.empty()), leftOut);
        assertThrows(IllegalArgumentException.class, () -> solver.solve(2));
        assertEquals(Sat.Answer.SAT, solver.solve(1));
        assertTrue(solver.model(2)[1]);
        assertFalse(solver.model(2)[2]);
    }

    @Test
    void aClauseOfVariablesLeftOutAloneIsAContradiction() {
        Sat solver = new Sat(3, Budget.of(Optional.empty()), new boolean[] {false, true, true, false});
        solver.add(Constraint.clause(new Reason.OneRoot(), 1, 2), 0);
        assertTrue(solver.contradiction());
        assertEquals(Sat.Answer.UNSAT, solver.solve());
    }


    /** One or two candidates not left out, as positive literals. */
    private static int[] assumable(Encoding e, boolean[] leftOut, Random random) {
        List<Integer> kept = new ArrayList<>();
        for (int v = 1; v <= e.candidates(); v++) {
            if (!leftOut[v]) {
                kept.add(v);
            }
        }
        if (kept.isEmpty()) {
            return new int[0];
        }
        int first = kept.get(random.nextInt(kept.size()));
        int second = kept.get(random.nextInt(kept.size()));
        return first == second ? new int[] {first} : new int[] {first, second};
    }
}
