package io.cocoatly.solver.internal;

import java.util.Arrays;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.orders.VarOrderHeap;
import org.sat4j.pb.IPBSolver;
import org.sat4j.pb.SolverFactory;
import org.sat4j.pb.core.PBSolver;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.IConstr;
import org.sat4j.specs.IVecInt;
import org.sat4j.specs.TimeoutException;

/**
 * The one place that talks to sat4j: one incremental pseudo-boolean solver, constraints added and
 * never removed (removing clears learnt clauses), and calls under assumptions.
 *
 * <p>sat4j's default timeout starts a timer thread per call; a conflict-count timeout does not, so
 * calls run in chunks of {@link Budget#conflictsPerChunk()} conflicts and the wall-clock deadline is
 * checked between chunks, outside the solver. The solver configured here uses no randomness and the
 * phase strategy is deterministic, so the same encoding always gives the same models.
 */
final class Sat {

    /** What a call found. UNKNOWN: the budget ran out first. */
    enum Answer { SAT, UNSAT, UNKNOWN }

    private final IPBSolver solver;
    private final GuidedPhase phase = new GuidedPhase();
    private final Budget budget;
    private int variables;
    private int calls;
    private boolean contradiction;
    /** What sat4j returned for the latest constraint added when that was an at-most one; else null. */
    private IConstr lastAdded;
    /** The bound of the last {@link #tryBound} and its selector, until retired (0: none). */
    private IConstr tried;
    private int triedSelector;

    Sat(int variables, Budget budget) {
        // sat4j's default solver but for two parts: clauses watched head and tail (HTClause, not two
        // watched literals) and Biere's (PicoSAT) restarts (not Glucose's). Its pseudo-boolean
        // constraints are the default's, every literal watched (MaxWatchPbLong), and its cardinality
        // ones too. With the bounds over cost steps (CostSteps), over the 9,437 versions of the
        // top-300 crates.io crates, each root both ways in one JVM: −6 % in all (the restarts alone
        // −5 %, the head-tail clauses alone −3.5 %), the top 300 the same within the noise, every
        // objective the same. sat4j's one factory whose PB constraints watch only as many literals as
        // they need (newCompetMinPBResLongWLMixedConstraintsObjectiveExpSimp) was 15–17 % slower in
        // all (docs/performance.md).
        PBSolver s = SolverFactory.newCompetPBResLongHTMixedConstraintsObjectiveExpSimp();
        s.setOrder(new VarOrderHeap(phase));
        // Learnt clauses shortened by their literals' reasons (sat4j's simple reason simplification,
        // where this factory sets the expensive one, 7 % slower in all here). Over the 9,437 versions
        // of the top-300 crates.io crates, each root both ways in one JVM: with MiniSat's geometric
        // restarts, then in use, 3.8 % less in all than without it.
        s.setSimplifier(s.SIMPLE_SIMPLIFICATION);
        this.solver = s;
        this.budget = budget;
        this.variables = variables;
        solver.newVar(variables);
        solver.setTimeoutOnConflicts(budget.conflictsPerChunk());
    }

    /**
     * Adds constraints that always hold: pseudo-boolean ones first. sat4j 2.3.6 wrongly reports a
     * contradiction when a pseudo-boolean constraint arrives whose literals are all assigned at level 0
     * (e.g. {@code x1 + x2 ≤ 1} after the units {@code ¬x1}, {@code ¬x2}), so none may follow a unit.
     */
    void addAll(java.util.List<Constraint> constraints) {
        for (Constraint c : constraints) {
            if (c.kind() == Constraint.Kind.AT_MOST) {
                add(c, 0);
            }
        }
        for (Constraint c : constraints) {
            if (c.kind() == Constraint.Kind.CLAUSE) {
                add(c, 0);
            }
        }
    }

    /** Adds {@code c} guarded by {@code selector} (0: unguarded); see {@link Constraint}. */
    void add(Constraint c, int selector) {
        if (c.kind() == Constraint.Kind.CLAUSE) {
            int[] lits = c.literals();
            if (selector != 0) {
                lits = Arrays.copyOf(lits, lits.length + 1);
                lits[lits.length - 1] = -selector;
            }
            addClause(lits);
        } else {
            addAtMost(c.literals(), c.coefficients(), c.bound(), selector);
        }
    }

    /** Adds a derived fact, e.g. that no model selects a variable: a unit clause. */
    void addUnit(int literal) {
        addClause(new int[] {literal});
    }

    /**
     * Adds {@code Σ objective ≤ bound} guarded by a fresh selector, to be assumed in {@link #solve},
     * after {@linkplain #retireBound retiring} the bound tried before; returns the selector.
     */
    int tryBound(Objective objective, long bound) {
        retireBound();
        triedSelector = newVariable();
        tried = addAtMost(objective.vars(), objective.coefficients(), bound, triedSelector);
        return triedSelector;
    }

    /**
     * Retires the bound of the last {@link #tryBound}, if not yet done, as it will not be assumed
     * again: the unit {@code ¬selector} satisfies it and every clause learnt from it (each holds
     * {@code ¬selector}, since the selector was an assumption), and the constraint itself leaves the
     * watch lists. Without this every bound tried stayed watched over a whole objective level, visited
     * on each assignment of its literals: over the 9,437 versions of the top-300 crates.io crates,
     * each root both ways in one JVM, the total fell 5–6 % (every objective the same). sat4j removes
     * only its latest constraint without forgetting what it learnt ({@code removeSubsumedConstr}): a
     * bound that is no longer the latest stays, satisfied by the unit.
     */
    void retireBound() {
        if (triedSelector == 0) {
            return;
        }
        if (tried != null && tried == lastAdded) {
            solver.removeSubsumedConstr(tried);
        }
        addClause(new int[] {-triedSelector});
        tried = null;
        triedSelector = 0;
    }

    /**
     * Adds {@code Σ objective ≤ bound} for good. After a solve, level-0 assignments could trigger the
     * sat4j defect described at {@link #addAll}, so the bound is guarded by a fresh selector that a
     * unit clause then sets.
     */
    void fixBound(Objective objective, long bound) {
        int selector = newVariable();
        addAtMost(objective.vars(), objective.coefficients(), bound, selector);
        addClause(new int[] {selector});
    }

    /** A fresh variable, e.g. a selector. */
    int newVariable() {
        variables++;
        solver.newVar(variables);
        return variables;
    }

    /** Whether a contradiction was found while adding constraints: unsatisfiable with no call at all. */
    boolean contradiction() {
        return contradiction;
    }

    /** Tries the guide's values first in the next decisions. */
    void guide(boolean[] model) {
        phase.guide(model);
    }

    /** Decides satisfiability under {@code assumptions} (DIMACS literals) within the budget. */
    Answer solve(int... assumptions) {
        if (contradiction) {
            return Answer.UNSAT;
        }
        IVecInt assumed = new VecInt(assumptions);
        while (true) {
            calls++;
            try {
                return solver.isSatisfiable(assumed) ? Answer.SAT : Answer.UNSAT;
            } catch (TimeoutException e) {
                if (budget.expired()) {
                    return Answer.UNKNOWN;
                }
            }
        }
    }

    /** The last model over variables {@code 1..n}, indexed by variable. */
    boolean[] model(int n) {
        boolean[] model = new boolean[n + 1];
        for (int v = 1; v <= n; v++) {
            model[v] = solver.model(v);
        }
        return model;
    }

    /** After UNSAT: the assumptions that took part in the conflict (DIMACS literals). */
    int[] explanation() {
        IVecInt core = solver.unsatExplanation();
        return core == null ? new int[0] : core.toArray();
    }

    /** Solver calls made so far, each budget chunk counted. */
    int calls() {
        return calls;
    }

    private void addClause(int[] lits) {
        lastAdded = null;
        try {
            solver.addClause(new VecInt(lits));
        } catch (ContradictionException e) {
            contradiction = true;
        }
    }

    private IConstr addAtMost(int[] lits, int[] coefficients, long bound, int selector) {
        lastAdded = null;
        long total = 0;
        for (int c : coefficients) {
            total += c;
        }
        if (bound >= total) {
            return null;
        }
        int[] l = lits;
        int[] c = coefficients;
        long degree = bound;
        if (selector != 0) {
            l = Arrays.copyOf(lits, lits.length + 1);
            c = Arrays.copyOf(coefficients, coefficients.length + 1);
            l[lits.length] = selector;
            c[lits.length] = Math.toIntExact(total - bound);
            degree = total;
        }
        try {
            lastAdded = solver.addAtMost(new VecInt(l), new VecInt(c), Math.toIntExact(degree));
            return lastAdded;
        } catch (ContradictionException e) {
            contradiction = true;
            return null;
        }
    }
}
