package io.cocoatly.solver.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The part of a check encoding that one dependency closure needs, in a solver of its own.
 *
 * <p>sat4j's per-call work (level-0 simplification, undoing the trail, rebuilding the variable heap)
 * grows with the whole formula, not with the question; on every version of the top-300 crates.io
 * crates a call over the full encoding cost about 2 ms. Checking {@code p@v} only involves the
 * packages reachable from {@code p}, the closure {@code C}: dependency edges from a version in
 * {@code C} end in {@code C}. The partition is the encoding with every variable outside {@code C}
 * fixed false (the root markers of packages outside included), simplified away:
 *
 * <ul>
 *   <li>a clause with a negative literal outside {@code C} is satisfied and dropped; positive literals
 *       outside are false and removed;</li>
 *   <li>in {@code Σ a·l ≤ k}, a positive literal outside counts 0 and is removed; a negative one
 *       counts {@code a}, which is taken from {@code k}.</li>
 * </ul>
 *
 * <p>This is equisatisfiable with the full encoding under assumptions inside {@code C}: a model of
 * the full encoding restricted to {@code C} (the rest false) is a model of the partition, since no
 * constraint makes a variable inside {@code C} need one outside; and a model of the partition
 * extended with false outside satisfies every constraint, since the check encoding (dependency
 * clauses {@code ¬x ∨ ...}, at-most constraints, unit exclusions, {@code ¬x(q,u) ∨ r(q)}) holds when
 * all its variables are false. Variables are renumbered densely, so the solver never sees the rest.
 */
final class CheckPartition {

    /** Global variable to local (0: outside). */
    private final int[] local;
    /** Local variable to global. */
    private final int[] global;
    private final Sat sat;

    private CheckPartition(int[] local, int[] global, Sat sat) {
        this.local = local;
        this.global = global;
        this.sat = sat;
    }

    /**
     * The partition for the packages in {@code inside} (indices as in {@link Encoding#packageOf}),
     * given the encoding's constraints grouped by the package they belong to ({@link #byPackage}).
     */
    static CheckPartition of(Encoding e, int[] markerPackage, BitSet inside, List<List<Constraint>> owned,
                             List<Constraint> shared) {
        int[] local = new int[e.variables() + 1];
        int[] global = new int[e.variables() + 1];
        int count = 0;
        for (int v = 1; v <= e.variables(); v++) {
            int pkg = v <= e.candidates() ? e.packageOf[v] : markerPackage[v];
            if (pkg >= 0 && inside.get(pkg)) {
                local[v] = ++count;
                global[count] = v;
            }
        }
        List<Constraint> constraints = new ArrayList<>();
        for (int pkg = inside.nextSetBit(0); pkg >= 0; pkg = inside.nextSetBit(pkg + 1)) {
            for (Constraint c : owned.get(pkg)) {
                project(c, local, constraints);
            }
        }
        for (Constraint c : shared) {
            project(c, local, constraints);
        }
        Sat sat = new Sat(count, Budget.of(Optional.empty()));
        sat.addAll(constraints);
        return new CheckPartition(local, Arrays.copyOf(global, count + 1), sat);
    }

    /**
     * The encoding's constraints by owning package: that of the first literal's variable (a
     * dependency clause belongs to the depending version's package). Constraints over root markers of
     * several packages, and empty ones, go to {@code shared}.
     */
    static List<List<Constraint>> byPackage(Encoding e, int[] markerPackage, int packages, List<Constraint> shared) {
        List<List<Constraint>> owned = new ArrayList<>();
        for (int i = 0; i < packages; i++) {
            owned.add(new ArrayList<>());
        }
        for (Constraint c : e.constraints()) {
            int owner = c.literals().length == 0 ? -1 : packageOf(e, markerPackage, c.literals()[0]);
            // A dependency clause ¬x(p,v) ∨ ... is dropped wherever p is outside, so p owns it; any
            // other constraint spanning packages (one root at a time) is shared.
            if (!(c.reason() instanceof Reason.DependencyOf)) {
                for (int lit : c.literals()) {
                    if (packageOf(e, markerPackage, lit) != owner) {
                        owner = -1;
                        break;
                    }
                }
            }
            (owner >= 0 ? owned.get(owner) : shared).add(c);
        }
        return owned;
    }

    private static int packageOf(Encoding e, int[] markerPackage, int literal) {
        int v = Math.abs(literal);
        return v <= e.candidates() ? e.packageOf[v] : markerPackage[v];
    }

    private static void project(Constraint c, int[] local, List<Constraint> into) {
        int[] lits = c.literals();
        int[] kept = new int[lits.length];
        int[] coefficients = new int[lits.length];
        int n = 0;
        long bound = c.bound();
        for (int i = 0; i < lits.length; i++) {
            int l = local[Math.abs(lits[i])];
            if (l != 0) {
                kept[n] = lits[i] > 0 ? l : -l;
                if (c.kind() == Constraint.Kind.AT_MOST) {
                    coefficients[n] = c.coefficients()[i];
                }
                n++;
            } else if (lits[i] < 0) {
                if (c.kind() == Constraint.Kind.CLAUSE) {
                    return;
                }
                bound -= c.coefficients()[i];
            }
        }
        if (c.kind() == Constraint.Kind.CLAUSE) {
            into.add(Constraint.clause(c.reason(), Arrays.copyOf(kept, n)));
        } else if (n > 0 || bound < 0) {
            into.add(Constraint.atMost(c.reason(), Arrays.copyOf(kept, n), Arrays.copyOf(coefficients, n), bound));
        }
    }

    /** Decides {@code marker ∧ v} (global variables), trying the guide's values first. */
    Sat.Answer solve(int marker, int v, boolean[] guide) {
        boolean[] g = new boolean[global.length];
        for (int l = 1; l < global.length; l++) {
            g[l] = guide[global[l]];
        }
        sat.guide(g);
        return sat.solve(local[marker], local[v]);
    }

    /** The last model over the encoding's variables, false outside the partition. */
    boolean[] model(int variables) {
        boolean[] part = sat.model(global.length - 1);
        boolean[] model = new boolean[variables + 1];
        for (int l = 1; l < global.length; l++) {
            model[global[l]] = part[l];
        }
        return model;
    }

    /** After UNSAT: the assumptions in the conflict, as global literals. */
    int[] explanation() {
        int[] core = sat.explanation();
        for (int i = 0; i < core.length; i++) {
            int g = global[Math.abs(core[i])];
            core[i] = core[i] > 0 ? g : -g;
        }
        return core;
    }

    /** Adds the fact that no model selects global variable {@code v}, if it is part of this partition. */
    void exclude(int v) {
        if (local[v] != 0) {
            sat.addUnit(-local[v]);
        }
    }

    int calls() {
        return sat.calls();
    }
}
