package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Propagation}: what it forces on small cases written out, and over thousands of random
 * formulas of clauses and weighted at-most constraints, that it never calls a satisfiable formula
 * refuted (brute force over every assignment is the oracle) while refuting a good share of the
 * unsatisfiable ones.
 */
class PropagationTest {

    private static final Reason WHY = new Reason.OneRoot();

    private static Constraint clause(int... literals) {
        return Constraint.clause(WHY, literals);
    }

    private static Constraint atMost(long bound, int[] literals, int... weights) {
        return Constraint.atMost(WHY, literals, weights, bound);
    }

    @Test
    void aChainOfForcedVersionsEndsInAConflict() {
        // root (1) needs a (2); a needs b 2.0 (3); root also needs b 1.0 (4); at most one of b's (3, 4).
        List<Constraint> formula = List.of(clause(1), clause(-1, 2), clause(-2, 3), clause(-1, 4),
                atMost(1, new int[] {3, 4}, 1, 1));
        assertTrue(Propagation.refutes(4, formula));
        // The same given backwards: the first pass in order forces only root, and the rest of the chain
        // is found by following what each forced variable occurs in.
        List<Constraint> backwards = new ArrayList<>(formula);
        java.util.Collections.reverse(backwards);
        assertTrue(Propagation.refutes(4, backwards));
        assertFalse(Propagation.refutes(4, backwards.subList(1, backwards.size())));
    }

    @Test
    void whatIsForcedIsForcedAndNothingElse() {
        // root (1) needs a 1.0 (2) or a 2.0 (3): a choice, so b (4), which 2 and 3 both need, is not
        // derived by propagation; c (5) is ruled out by the at-most over 1 and 5.
        List<Constraint> formula = List.of(clause(1), clause(-1, 2, 3), clause(-2, 4), clause(-3, 4),
                atMost(1, new int[] {1, 5}, 1, 1));
        assertFalse(Propagation.refutes(5, formula));
        assertEquals(List.of(1, -5), Propagation.forced(5, formula));
    }

    @Test
    void aWeightedBoundRulesOutWhatWouldExceedIt() {
        // 3·x1 + 2·x2 + 2·x3 ≤ 4 with x1 forced: x2 and x3 must be false; then the clause x2 ∨ x3 fails.
        assertEquals(List.of(1, -2, -3), Propagation.forced(3, List.of(clause(1), atMost(4, new int[] {1, 2, 3}, 3, 2, 2))));
        assertTrue(Propagation.refutes(3, List.of(clause(1), atMost(4, new int[] {1, 2, 3}, 3, 2, 2), clause(2, 3))));
        // Weights on negative literals: 2·¬x1 + 1·x2 ≤ 1 with x1 false is already over.
        assertTrue(Propagation.refutes(2, List.of(clause(-1), atMost(1, new int[] {-1, 2}, 2, 1))));
    }

    @Test
    void aNegativeWeightMakesItGiveUp() {
        assertFalse(Propagation.refutes(2, List.of(clause(1), clause(2), atMost(0, new int[] {1, 2}, 1, -1))));
    }

    @Test
    void neverRefutesASatisfiableFormula() {
        Random random = new Random(20261204);
        int unsatisfiable = 0;
        int refuted = 0;
        for (int round = 0; round < 4000; round++) {
            int variables = 2 + random.nextInt(7);
            List<Constraint> formula = new ArrayList<>();
            int units = random.nextInt(3);
            for (int i = 0; i < units; i++) {
                formula.add(clause(literal(random, variables)));
            }
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                int size = 1 + random.nextInt(Math.min(4, variables));
                int[] literals = new int[size];
                for (int j = 0; j < size; j++) {
                    literals[j] = literal(random, variables);
                }
                if (random.nextBoolean()) {
                    formula.add(clause(literals));
                } else {
                    int[] weights = new int[size];
                    for (int j = 0; j < size; j++) {
                        weights[j] = 1 + random.nextInt(3);
                    }
                    formula.add(atMost(random.nextInt(4), literals, weights));
                }
            }
            boolean satisfiable = satisfiable(variables, formula);
            boolean refutes = Propagation.refutes(variables, formula);
            if (satisfiable) {
                assertFalse(refutes, () -> "refuted a satisfiable formula: " + formula);
            } else {
                unsatisfiable++;
                refuted += refutes ? 1 : 0;
            }
        }
        assertTrue(unsatisfiable > 200, "too few unsatisfiable cases to say anything: " + unsatisfiable);
        assertTrue(refuted > unsatisfiable / 4, "refuted only " + refuted + " of " + unsatisfiable);
    }

    private static int literal(Random random, int variables) {
        int v = 1 + random.nextInt(variables);
        return random.nextBoolean() ? v : -v;
    }

    private static boolean satisfiable(int variables, List<Constraint> formula) {
        for (int bits = 0; bits < 1 << variables; bits++) {
            boolean[] model = new boolean[variables + 1];
            for (int v = 1; v <= variables; v++) {
                model[v] = (bits >> (v - 1) & 1) == 1;
            }
            if (formula.stream().allMatch(c -> c.holds(model))) {
                return true;
            }
        }
        return false;
    }
}
