package io.cocoatly.solver.internal;

import java.util.Arrays;

/**
 * One constraint of the encoding with the reason it exists. Literals are DIMACS-style: {@code v} for
 * variable {@code v} true, {@code -v} for false.
 *
 * <ul>
 *   <li>{@link Kind#CLAUSE}: {@code ∨ literals} (coefficients and bound unused);</li>
 *   <li>{@link Kind#AT_MOST}: {@code Σ coefficients[i]·literals[i] ≤ bound}.</li>
 * </ul>
 *
 * <p>Any constraint can be guarded by a selector literal {@code s} so that it holds only when
 * {@code s} is assumed: a clause becomes {@code ¬s ∨ C}; {@code Σ a·x ≤ k} becomes
 * {@code Σ a·x + (Σa − k)·s ≤ Σa}. Assuming every selector and asking the solver which of them took
 * part in the conflict is how a conflict is traced back to reasons.
 */
public record Constraint(Kind kind, int[] literals, int[] coefficients, long bound, Reason reason) {

    /** The two shapes the encoding needs. */
    public enum Kind { CLAUSE, AT_MOST }

    public static Constraint clause(Reason reason, int... literals) {
        return new Constraint(Kind.CLAUSE, literals, new int[0], 0, reason);
    }

    public static Constraint atMost(Reason reason, int[] literals, int[] coefficients, long bound) {
        return new Constraint(Kind.AT_MOST, literals, coefficients, bound, reason);
    }

    /** Whether the constraint holds under {@code model} (indexed by variable). */
    public boolean holds(boolean[] model) {
        if (kind == Kind.CLAUSE) {
            for (int lit : literals) {
                if (model[Math.abs(lit)] == lit > 0) {
                    return true;
                }
            }
            return false;
        }
        long sum = 0;
        for (int i = 0; i < literals.length; i++) {
            if (model[Math.abs(literals[i])] == literals[i] > 0) {
                sum += coefficients[i];
            }
        }
        return sum <= bound;
    }

    @Override
    public String toString() {
        return kind == Kind.CLAUSE ? "∨" + Arrays.toString(literals) + " (" + reason.describe() + ")"
                : Arrays.toString(coefficients) + "·" + Arrays.toString(literals) + " ≤ " + bound
                + " (" + reason.describe() + ")";
    }
}
