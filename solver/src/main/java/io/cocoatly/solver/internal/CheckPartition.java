package io.cocoatly.solver.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

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

    /**
     * Local variable to global, ascending (local variables number the partition's in global order):
     * global to local is a binary search here, not a table over every global variable, which on all
     * of crates.io (about 215,000 variables) cost 0.86 MB per partition, and there are thousands.
     */
    private final int[] global;
    private final Sat sat;

    private CheckPartition(int[] global, Sat sat) {
        this.global = global;
        this.sat = sat;
    }

    /** The local variable of global variable {@code v}, 0 if it is outside the partition. */
    private int local(int v) {
        int i = Arrays.binarySearch(global, 1, global.length, v);
        return i > 0 ? i : 0;
    }

    /**
     * The partition for the packages in {@code inside} (indices as in {@link Encoding#packageOf}),
     * given the encoding's constraints grouped by the package they belong to ({@link #byPackage}),
     * each package's candidates ({@code firstVariable[p]} to {@code firstVariable[p + 1] - 1}) and
     * root marker ({@code markerOf[p]}, 0 for none). {@code scratch} is a table over every global
     * variable, all 0, and left so: filled for the closure's variables while its constraints are
     * projected, then cleared, so that making a partition costs its closure, not the whole encoding.
     */
    static CheckPartition of(BitSet inside, int[] firstVariable, int[] markerOf, List<List<Constraint>> owned,
                             List<Constraint> shared, int[] scratch) {
        int count = 0;
        for (int pkg = inside.nextSetBit(0); pkg >= 0; pkg = inside.nextSetBit(pkg + 1)) {
            count += firstVariable[pkg + 1] - firstVariable[pkg] + (markerOf[pkg] != 0 ? 1 : 0);
        }
        int[] global = new int[count + 1];
        int n = 0;
        for (int pkg = inside.nextSetBit(0); pkg >= 0; pkg = inside.nextSetBit(pkg + 1)) {
            for (int v = firstVariable[pkg]; v < firstVariable[pkg + 1]; v++) {
                global[++n] = v;
            }
            if (markerOf[pkg] != 0) {
                global[++n] = markerOf[pkg];
            }
        }
        // Ascending, as local() searches it: markers are numbered after every candidate.
        Arrays.sort(global, 1, count + 1);
        int[] local = scratch;
        for (int l = 1; l <= count; l++) {
            local[global[l]] = l;
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
        for (int l = 1; l <= count; l++) {
            local[global[l]] = 0;
        }
        Sat sat = new Sat(count, Budget.of(Optional.empty()));
        sat.addAll(constraints);
        return new CheckPartition(global, sat);
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

    /**
     * Decides {@code marker ∧ v} (global variables), trying first the values {@code guide} gives the
     * partition's variables (by global variable).
     */
    Sat.Answer solve(int marker, int v, IntPredicate guide) {
        boolean[] g = new boolean[global.length];
        for (int l = 1; l < global.length; l++) {
            g[l] = guide.test(global[l]);
        }
        sat.guide(g);
        return sat.solve(local(marker), local(v));
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
        int l = local(v);
        if (l != 0) {
            sat.addUnit(-l);
        }
    }

    int calls() {
        return sat.calls();
    }
}
