package io.cocoatly.solver.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Unit propagation over the encoding's constraints, without a solver: what proves most unsatisfiable
 * roots before sat4j is even set up. A root that cannot be satisfied usually fails on what its
 * requirements force: {@code root}, then a package with a single matching version, then that
 * version's requirement whose every candidate some at-most-one group or clause has ruled out. The
 * median verdict over the crates.io roots that cannot be satisfied halved once the solver was no
 * longer set up for them (docs/performance.md, "The unsatisfiable verdict by unit propagation").
 *
 * <p>Sound by construction: a conflict is reported only when the constraints themselves force a
 * variable both ways, so the formula then has no model. When propagation stops without a conflict
 * nothing is claimed, and the solver decides. For {@code ∨ l} (a clause) the last unassigned literal
 * is forced true once every other is false; for {@code Σ aᵢ·lᵢ ≤ k} (non-negative {@code aᵢ}), with
 * {@code s} the weight of the literals already true, {@code s > k} is a conflict and each unassigned
 * {@code lᵢ} with {@code s + aᵢ > k} is forced false. A constraint with a negative coefficient makes
 * the whole check give up (the encoding has none; the rule above would not hold for it).
 */
final class Propagation {

    private final List<Constraint> constraints;
    /** Per variable: 0 unassigned, 1 true, -1 false. */
    private final byte[] value;
    private final Deque<Integer> assigned = new ArrayDeque<>();

    private Propagation(int variables, List<Constraint> constraints) {
        this.constraints = constraints;
        this.value = new byte[variables + 1];
    }

    /** Per variable: the indexes of the constraints it occurs in. */
    private int[][] occurrences() {
        int variables = value.length - 1;
        int[] counts = new int[variables + 1];
        for (Constraint c : constraints) {
            for (int lit : c.literals()) {
                counts[Math.abs(lit)]++;
            }
        }
        int[][] occurrences = new int[variables + 1][];
        for (int v = 0; v <= variables; v++) {
            occurrences[v] = new int[counts[v]];
        }
        Arrays.fill(counts, 0);
        for (int i = 0; i < constraints.size(); i++) {
            for (int lit : constraints.get(i).literals()) {
                int v = Math.abs(lit);
                occurrences[v][counts[v]++] = i;
            }
        }
        return occurrences;
    }

    /**
     * Whether unit propagation over {@code constraints} alone reaches a conflict: if so, no assignment
     * of the {@code variables} satisfies them all.
     */
    static boolean refutes(int variables, List<Constraint> constraints) {
        for (Constraint c : constraints) {
            for (int a : c.coefficients()) {
                if (a < 0) {
                    return false;
                }
            }
        }
        return new Propagation(variables, constraints).conflicts();
    }

    private boolean conflicts() {
        // One pass in order first, each constraint seeing what the ones before it forced: most
        // conflicts show there (a root's requirements come first, then each package's), and then
        // the occurrence lists, which cost as much as the pass, are never built.
        for (int i = 0; i < constraints.size(); i++) {
            if (visit(constraints.get(i))) {
                return true;
            }
        }
        int[][] occurrences = assigned.isEmpty() ? null : occurrences();
        while (!assigned.isEmpty()) {
            int v = assigned.poll();
            for (int i : occurrences[v]) {
                if (visit(constraints.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Applies one constraint to the assignment; true on a conflict. */
    private boolean visit(Constraint c) {
        return c.kind() == Constraint.Kind.CLAUSE ? visitClause(c.literals()) : visitAtMost(c);
    }

    private boolean visitClause(int[] literals) {
        int unassigned = 0;
        int last = 0;
        for (int lit : literals) {
            int t = truth(lit);
            if (t > 0) {
                return false; // satisfied
            }
            if (t == 0) {
                unassigned++;
                last = lit;
            }
        }
        if (unassigned == 0) {
            return true;
        }
        if (unassigned == 1) {
            assign(last);
        }
        return false;
    }

    private boolean visitAtMost(Constraint c) {
        int[] literals = c.literals();
        int[] weights = c.coefficients();
        long sum = 0;
        for (int i = 0; i < literals.length; i++) {
            if (truth(literals[i]) > 0) {
                sum += weights[i];
            }
        }
        if (sum > c.bound()) {
            return true;
        }
        for (int i = 0; i < literals.length; i++) {
            if (truth(literals[i]) == 0 && sum + weights[i] > c.bound()) {
                assign(-literals[i]);
            }
        }
        return false;
    }

    /** 1 if {@code lit} is true, -1 if false, 0 if its variable is unassigned. */
    private int truth(int lit) {
        int v = value[Math.abs(lit)];
        return lit > 0 ? v : -v;
    }

    private void assign(int lit) {
        int v = Math.abs(lit);
        value[v] = (byte) (lit > 0 ? 1 : -1);
        assigned.add(v);
    }

    /** For tests: the literals propagation forced, in no particular order, when it found no conflict. */
    static List<Integer> forced(int variables, List<Constraint> constraints) {
        Propagation p = new Propagation(variables, constraints);
        if (p.conflicts()) {
            throw new IllegalStateException("conflict");
        }
        List<Integer> forced = new ArrayList<>();
        for (int v = 1; v <= variables; v++) {
            if (p.value[v] != 0) {
                forced.add(p.value[v] > 0 ? v : -v);
            }
        }
        return forced;
    }
}
