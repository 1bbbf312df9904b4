package io.cocoatly.solver.internal;

import java.util.Arrays;
import org.sat4j.core.VecInt;
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
 *
 * <p>Variables are numbered as the caller numbers them. Those the caller {@linkplain #Sat(int, Budget,
 * boolean[]) leaves out} are false in every model and never reach sat4j: a constraint on them is
 * given as it stands with them false (a clause holding {@code ¬x} is satisfied and dropped, an {@code x}
 * dropped from a clause or a sum, a {@code ¬x} in a sum lowers its bound), and the others are numbered
 * anew, in the same order, for sat4j. Why: most candidates of a root that calls the optimiser's
 * solver are in no optimal solution (of {@code actix-web} 1.0.8's 1,859 candidates, 1,612), and sat4j
 * pays for every variable it knows on every call (its decision heap, its model, its arrays per
 * literal), assigned or not. Leaving them out rather than stating them false by units: over the 9,437
 * versions of the top-300 crates.io crates, each root both ways in one JVM, −6 to −9 % in all; the top
 * 300 −4 to −7 % (docs/performance.md).
 */
final class Sat {

    /** What a call found. UNKNOWN: the budget ran out first. */
    enum Answer { SAT, UNSAT, UNKNOWN }

    private final IPBSolver solver;
    private final GuidedPhase phase = new GuidedPhase();
    private final SelectedFirstOrder order = new SelectedFirstOrder(phase);
    private final Budget budget;
    private int variables;
    private int calls;
    private boolean contradiction;
    /** What sat4j returned for the latest constraint added when that was an at-most one; else null. */
    private IConstr lastAdded;
    /** The bound of the last {@link #tryBound} and its selector, until retired (0: none). */
    private IConstr tried;
    private int triedSelector;
    /** Per variable of the caller's numbering, sat4j's variable; 0 for one left out. */
    private int[] toSolver;
    /** Per sat4j variable, the caller's. */
    private int[] toCaller;
    /** How many variables sat4j knows. */
    private int declared;

    /** A solver over the caller's variables {@code 1..variables}, none left out. */
    Sat(int variables, Budget budget) {
        this(variables, budget, new boolean[0]);
    }

    /**
     * A solver over the caller's variables {@code 1..variables}, where those that {@code leftOut} marks
     * (indexed by variable; a shorter array marks none beyond its end) are false in every model. Such a
     * variable must not be assumed; see the class comment.
     */
    Sat(int variables, Budget budget, boolean[] leftOut) {
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
        s.setOrder(order);
        // Learnt clauses shortened by their literals' reasons (sat4j's simple reason simplification,
        // where this factory sets the expensive one, 7 % slower in all here). Over the 9,437 versions
        // of the top-300 crates.io crates, each root both ways in one JVM: with MiniSat's geometric
        // restarts, then in use, 3.8 % less in all than without it.
        s.setSimplifier(s.SIMPLE_SIMPLIFICATION);
        this.solver = s;
        this.budget = budget;
        this.variables = variables;
        toSolver = new int[variables + 1];
        toCaller = new int[variables + 1];
        for (int v = 1; v <= variables; v++) {
            if (v >= leftOut.length || !leftOut[v]) {
                toSolver[v] = ++declared;
                toCaller[declared] = v;
            }
        }
        solver.newVar(declared);
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
     * Adds {@code Σ objective ≤ bound} unguarded, for the last bound a search tries: when every
     * coefficient is 1, sat4j makes it a cardinality constraint, which watches only {@code bound + 1}
     * of its literals and finds its reasons among them. A bound guarded by a selector is a general
     * pseudo-boolean constraint to sat4j, which watches every literal, looks each one's coefficient up
     * in a hash map on every assignment and goes through all of them for each reason: most of what an
     * UNSAT call over a large packages level cost ({@code glium} 0.2.0: 6.6 → 3.9 ms).
     *
     * <p>It is never retired: a model found under it meets it, and so does every cheaper one the search
     * goes on to look for. An UNSAT answer leaves the solver unsatisfiable for good, so the caller adds
     * it only where that answer ends its use of the solver. The sat4j defect described at {@link #addAll}
     * (a contradiction reported when every literal is assigned at level 0) cannot give a wrong answer
     * here: the sum is then the same in every model, the caller's model's cost, above the bound.
     */
    void finalBound(Objective objective, long bound) {
        addAtMost(objective.vars(), objective.coefficients(), bound, 0);
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

    /** A fresh variable, e.g. a selector, numbered after the caller's. */
    int newVariable() {
        variables++;
        declared++;
        if (variables == toSolver.length) {
            toSolver = Arrays.copyOf(toSolver, variables * 2);
        }
        if (declared == toCaller.length) {
            toCaller = Arrays.copyOf(toCaller, declared * 2);
        }
        toSolver[variables] = declared;
        toCaller[declared] = variables;
        solver.newVar(declared);
        return variables;
    }

    /** Whether a contradiction was found while adding constraints: unsatisfiable with no call at all. */
    boolean contradiction() {
        return contradiction;
    }

    /** Tries the guide's values (indexed by variable, {@code 1..model.length - 1}) first in the next decisions. */
    void guide(boolean[] model) {
        guide(model, false);
    }

    /**
     * As {@link #guide}, and decides the variables the guide sets true before any other at the start
     * of each call ({@link SelectedFirstOrder}).
     */
    void guideSelectedFirst(boolean[] model) {
        guide(model, true);
    }

    private void guide(boolean[] model, boolean selectedFirst) {
        phase.init(declared + 1);
        boolean[] first = new boolean[selectedFirst ? declared + 1 : 0];
        for (int v = 1; v < model.length; v++) {
            if (toSolver[v] != 0) {
                phase.prefer(toSolver[v], model[v]);
                if (selectedFirst) {
                    first[toSolver[v]] = model[v];
                }
            }
        }
        order.first(first);
    }

    /** Decides satisfiability under {@code assumptions} (DIMACS literals) within the budget. */
    Answer solve(int... assumptions) {
        if (contradiction) {
            return Answer.UNSAT;
        }
        int[] assumed = new int[assumptions.length];
        for (int i = 0; i < assumptions.length; i++) {
            assumed[i] = toSolver(assumptions[i]);
            if (assumed[i] == 0) {
                throw new IllegalArgumentException(
                        "variable " + Math.abs(assumptions[i]) + " is left out: not to be assumed");
            }
        }
        IVecInt literals = new VecInt(assumed);
        while (true) {
            calls++;
            try {
                return solver.isSatisfiable(literals) ? Answer.SAT : Answer.UNSAT;
            } catch (TimeoutException e) {
                if (budget.expired()) {
                    return Answer.UNKNOWN;
                }
            }
        }
    }

    /** The last model over variables {@code 1..n}, indexed by variable (those left out false). */
    boolean[] model(int n) {
        boolean[] model = new boolean[n + 1];
        for (int v = 1; v <= n; v++) {
            model[v] = toSolver[v] != 0 && solver.model(toSolver[v]);
        }
        return model;
    }

    /** After UNSAT: the assumptions that took part in the conflict (DIMACS literals). */
    int[] explanation() {
        IVecInt core = solver.unsatExplanation();
        if (core == null) {
            return new int[0];
        }
        int[] literals = core.toArray();
        for (int i = 0; i < literals.length; i++) {
            int v = toCaller[Math.abs(literals[i])];
            literals[i] = literals[i] > 0 ? v : -v;
        }
        return literals;
    }

    /** {@code literal} (the caller's numbering) in sat4j's, or 0 when its variable is left out. */
    private int toSolver(int literal) {
        int v = toSolver[Math.abs(literal)];
        return literal > 0 ? v : -v;
    }

    /** Solver calls made so far, each budget chunk counted. */
    int calls() {
        return calls;
    }

    private void addClause(int[] literals) {
        lastAdded = null;
        int[] lits = new int[literals.length];
        int n = 0;
        for (int literal : literals) {
            int l = toSolver(literal);
            if (l != 0) {
                lits[n++] = l;
            } else if (literal < 0) {
                // ¬x of a variable left out: true, so is the clause.
                return;
            }
        }
        if (n == 0) {
            contradiction = true;
            return;
        }
        if (n < lits.length) {
            lits = Arrays.copyOf(lits, n);
        }
        try {
            solver.addClause(new VecInt(lits));
        } catch (ContradictionException e) {
            contradiction = true;
        }
    }

    private IConstr addAtMost(int[] literals, int[] weights, long atMost, int selectorLiteral) {
        lastAdded = null;
        int[] lits = new int[literals.length];
        int[] coefficients = new int[literals.length];
        long bound = atMost;
        int n = 0;
        for (int i = 0; i < literals.length; i++) {
            int l = toSolver(literals[i]);
            if (l != 0) {
                lits[n] = l;
                coefficients[n++] = weights[i];
            } else if (literals[i] < 0) {
                // ¬x of a variable left out is true: its coefficient is spent.
                bound -= weights[i];
            }
        }
        if (n < lits.length) {
            lits = Arrays.copyOf(lits, n);
            coefficients = Arrays.copyOf(coefficients, n);
        }
        int selector = toSolver(selectorLiteral);
        if (selectorLiteral != 0 && selector == 0) {
            // Guarded by a variable left out, which is false: the constraint never applies.
            return null;
        }
        if (bound < 0 && selector == 0) {
            contradiction = true;
            return null;
        }
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
