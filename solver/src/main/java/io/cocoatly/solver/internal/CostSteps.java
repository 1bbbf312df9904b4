package io.cocoatly.solver.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * An objective level's cost, group by group, in order ("unary") encoding, for the optimiser's bounds.
 *
 * <p>For an at-most-one group g whose terms have the distinct coefficients {@code t₁ < … < tₘ}, fresh
 * step variables {@code s(g,1..m)}, {@code s(g,j)} reading "g's selected candidate costs at least
 * {@code tⱼ}", are defined by the clauses
 *
 * <pre>
 * x(v) → s(g,j)        for each term v of g with c(v) = tⱼ
 * s(g,j) → s(g,j−1)    for j ≥ 2
 * </pre>
 *
 * and the level's terms become {@code Σ_g Σ_j (tⱼ − tⱼ₋₁)·s(g,j)} ({@code t₀ = 0}). A group of one term
 * keeps it as it is. These clauses are Horn: in every model the steps forced by the selected candidate
 * (g's selected v sets {@code s(g,1..j(v))}) sum to exactly {@code c(v)}, and any other steps only add,
 * so {@code Σ steps ≤ b} has a model exactly when {@code Σ c·x ≤ b} has, with the same candidates.
 *
 * <p>Why: the solver proves a bound unreachable by learning clauses from the bound's reasons. Over the
 * candidates, a reason names each selected version ("a₃ or b₅ or …"), and what is learnt covers only
 * that version; over the steps it says "a costs at least 3", which every costlier version of a
 * implies, so one learnt clause rules out the whole tail of a group. At the packages level (every
 * coefficient 1) a group's one step is "g selects something", whichever version. Over the 9,437
 * versions of the top-300 crates.io crates, the total took a quarter less time, the slowest root
 * ({@code glium} 0.0.1) 165 → 23–28 ms (docs/performance.md).
 */
final class CostSteps {

    private CostSteps() {
    }

    /** A level's terms over the steps, and the clauses that define the steps. */
    record Stepped(Objective terms, List<Constraint> definitions) {
    }

    /**
     * {@code terms} (positive coefficients, over candidates of {@code e}) over steps numbered by
     * {@code fresh}, which hands out new variables above {@code e}'s.
     */
    static Stepped of(Encoding e, Objective terms, IntSupplier fresh) {
        int n = terms.vars().length;
        // The terms ordered by group, then coefficient, so that each group is one run and its clauses
        // come threshold by threshold: each step's clause to the one below, then its terms'. (All chain
        // clauses first, then the terms', gave the same answers 4 % slower over all versions: sat4j
        // watches clauses in the order they come.)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byGroup = Integer.compare(e.group[terms.vars()[a]], e.group[terms.vars()[b]]);
            return byGroup != 0 ? byGroup : Integer.compare(terms.coefficients()[a], terms.coefficients()[b]);
        });
        int[] vars = new int[n];
        int[] coefficients = new int[n];
        int kept = 0;
        List<Constraint> definitions = new ArrayList<>();
        int from = 0;
        while (from < n) {
            int group = e.group[terms.vars()[order[from]]];
            int to = from;
            while (to < n && e.group[terms.vars()[order[to]]] == group) {
                to++;
            }
            if (to - from == 1) {
                vars[kept] = terms.vars()[order[from]];
                coefficients[kept++] = terms.coefficients()[order[from]];
                from = to;
                continue;
            }
            int step = 0;
            int below = 0;
            Reason why = null;
            for (int i = from; i < to; i++) {
                int v = terms.vars()[order[i]];
                int c = terms.coefficients()[order[i]];
                if (c != below) {
                    // A new threshold: its step, implying the one below.
                    int s = fresh.getAsInt();
                    why = new Reason.CostStep(e.ids.get(v).name(), terms.name(), c);
                    if (step != 0) {
                        definitions.add(Constraint.clause(why, -s, step));
                    }
                    vars[kept] = s;
                    coefficients[kept++] = c - below;
                    step = s;
                    below = c;
                }
                definitions.add(Constraint.clause(why, -v, step));
            }
            from = to;
        }
        return new Stepped(new Objective(terms.name(), Arrays.copyOf(vars, kept), Arrays.copyOf(coefficients, kept)),
                definitions);
    }
}
