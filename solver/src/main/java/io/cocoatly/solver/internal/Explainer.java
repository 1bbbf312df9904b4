package io.cocoatly.solver.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Finds a minimal set of constraints that cannot hold together: the one deletion every explanation uses.
 *
 * <p>The constraints come in groups, each guarded by a selector s_i (see {@link Constraint}): the
 * constraints of one fact for an explanation ({@link FactCore}), a single constraint for a check's
 * reasons. Solving with every selector assumed fails, and sat4j names the assumptions that took part in
 * the final conflict. That core is then shrunk by deletion: drop one selector, and if the rest still
 * fails, leave it out (MiniSat-style assumption cores; deletion as in the MUS literature). The result is
 * minimal: each group kept is needed for the conflict, unless the budget ran out first.
 */
final class Explainer {

    private Explainer() {
    }

    /**
     * The reasons of a minimal conflict among the constraints {@code guarded} accepts, in encoding order,
     * the others holding always; empty if the encoding is satisfiable. Guarding few constraints (say, a
     * root's requirements) gives a coarse answer fast: which of them cannot hold together.
     */
    static List<Reason> conflict(Encoding e, Budget budget, Predicate<Constraint> guarded) {
        Constraint empty = e.emptyClause();
        if (empty != null) {
            return List.of(empty.reason());
        }
        List<Constraint> constraints = new ArrayList<>();
        List<Constraint> fixed = new ArrayList<>();
        for (Constraint c : e.constraints()) {
            (guarded.test(c) ? constraints : fixed).add(c);
        }
        IntFunction<List<Constraint>> single = i -> List.of(constraints.get(i));
        Sat everything = guarded(e, constraints.size(), single, i -> true, budget);
        everything.addAll(fixed);
        List<Reason> reasons = new ArrayList<>();
        for (int i : deletion(everything, e, constraints.size(), single, false, budget)) {
            reasons.add(constraints.get(i).reason());
        }
        return reasons;
    }

    /**
     * Deletion over {@code n} selector groups and nothing else: the indices of a minimal conflict,
     * ascending; empty when the groups have a model together.
     */
    static List<Integer> deletion(Encoding e, int n, IntFunction<List<Constraint>> group, Budget budget) {
        return deletion(guarded(e, n, group, i -> true, budget), e, n, group, true, budget);
    }

    /**
     * Deletion whose first call, over every group, is on {@code everything}: a solver made by
     * {@link #guarded} over every group, plus any constraints that always hold. The indices kept,
     * ascending.
     *
     * <p>When {@code everything} holds nothing but the groups ({@code onlyGroups}), the steps after the
     * first run on a solver that holds only the first core's groups. Which groups they keep is the same
     * as on the first solver: each step asks whether a set of groups is satisfiable, a fact about those
     * groups alone (a group whose selector is not assumed is met by the selector false), and the smaller
     * solver answers it without the rest of the encoding (every candidate's clauses, most of them far from
     * the conflict). With constraints that always hold, a smaller solver would have to hold them all
     * again, so the steps stay on {@code everything}.
     */
    static List<Integer> deletion(Sat everything, Encoding e, int n, IntFunction<List<Constraint>> group,
                                  boolean onlyGroups, Budget budget) {
        int first = e.variables() + 1;
        Sat sat = everything;
        int[] all = new int[n];
        Arrays.setAll(all, i -> first + i);
        if (sat.solve(all) != Sat.Answer.UNSAT) {
            return List.of();
        }
        TreeSet<Integer> core = new TreeSet<>();
        for (int lit : sat.explanation()) {
            if (lit >= first) {
                core.add(lit);
            }
        }
        if (core.isEmpty() || sat.solve(core.stream().mapToInt(Integer::intValue).toArray()) != Sat.Answer.UNSAT) {
            core.clear();
            for (int s : all) {
                core.add(s);
            }
        }
        if (onlyGroups && core.size() < n) {
            sat = guarded(e, n, group, i -> core.contains(first + i), budget);
        }
        List<Integer> list = new ArrayList<>(core);
        for (int i = 0; i < list.size() && !budget.expired(); ) {
            List<Integer> rest = new ArrayList<>(list);
            rest.remove(i);
            if (sat.solve(rest.stream().mapToInt(Integer::intValue).toArray()) == Sat.Answer.UNSAT) {
                list = rest;
            } else {
                i++;
            }
        }
        return list.stream().map(s -> s - first).toList();
    }

    /**
     * A solver over the encoding's variables and {@code n} selectors, numbered from
     * {@code e.variables() + 1} in group order, holding the constraints of the groups {@code included}
     * accepts, each guarded by its group's selector: the pseudo-boolean ones first (see {@link Sat#addAll}).
     */
    static Sat guarded(Encoding e, int n, IntFunction<List<Constraint>> group, IntPredicate included,
                       Budget budget) {
        Sat sat = new Sat(e.variables(), budget);
        int first = e.variables() + 1;
        for (int i = 0; i < n; i++) {
            int s = sat.newVariable();
            if (included.test(i)) {
                for (Constraint c : group.apply(i)) {
                    if (c.kind() == Constraint.Kind.AT_MOST) {
                        sat.add(c, s);
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (included.test(i)) {
                for (Constraint c : group.apply(i)) {
                    if (c.kind() == Constraint.Kind.CLAUSE) {
                        sat.add(c, first + i);
                    }
                }
            }
        }
        return sat;
    }
}
