package io.cocoatly.solver.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds a minimal set of constraints that cannot hold together, as their reasons.
 *
 * <p>Every constraint i is guarded by a selector s_i (see {@link Constraint}); solving with all
 * selectors assumed fails, and sat4j names the assumptions that took part in the final conflict. That
 * core is then shrunk by deletion: drop one selector, and if the rest still fails, leave it out
 * (MiniSat-style assumption cores; deletion as in the MUS literature). The result is minimal: each
 * remaining constraint is needed for the conflict, unless the budget ran out first.
 */
final class Explainer {

    private Explainer() {
    }

    /** The reasons of a minimal conflict, in encoding order; empty if the encoding is satisfiable. */
    static List<Reason> conflict(Encoding e, Budget budget) {
        return conflict(e, budget, c -> true);
    }

    /**
     * As {@link #conflict(Encoding, Budget)}, but only the constraints {@code guarded} accepts can be
     * left out; the others always hold. Guarding few constraints (say, a root's requirements) gives a
     * coarser answer much faster.
     */
    static List<Reason> conflict(Encoding e, Budget budget, java.util.function.Predicate<Constraint> guarded) {
        Constraint empty = e.emptyClause();
        if (empty != null) {
            return List.of(empty.reason());
        }
        List<Constraint> constraints = new ArrayList<>();
        List<Constraint> fixed = new ArrayList<>();
        for (Constraint c : e.constraints()) {
            (guarded.test(c) ? constraints : fixed).add(c);
        }
        Sat sat = new Sat(e.variables(), budget);
        int first = e.variables() + 1;
        for (Constraint c : constraints) {
            sat.add(c, sat.newVariable());
        }
        sat.addAll(fixed);
        int[] all = new int[constraints.size()];
        Arrays.setAll(all, i -> first + i);
        if (sat.solve(all) != Sat.Answer.UNSAT) {
            return List.of();
        }
        List<Integer> core = new ArrayList<>();
        for (int lit : sat.explanation()) {
            if (lit >= first) {
                core.add(lit);
            }
        }
        if (core.isEmpty()) {
            core = Arrays.stream(all).boxed().toList();
        }
        core = new ArrayList<>(core);
        core.sort(null);
        for (int i = 0; i < core.size() && !budget.expired(); ) {
            List<Integer> rest = new ArrayList<>(core);
            rest.remove(i);
            if (sat.solve(rest.stream().mapToInt(Integer::intValue).toArray()) == Sat.Answer.UNSAT) {
                core = rest;
            } else {
                i++;
            }
        }
        List<Reason> reasons = new ArrayList<>();
        for (int s : core) {
            reasons.add(constraints.get(s - first).reason());
        }
        return reasons;
    }
}
