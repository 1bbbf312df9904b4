package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.solver.RandomCase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The minimal conflict's deletion ({@link Explainer#deletion}) runs its steps on a solver holding only
 * the first core's groups. On random unsatisfiable cases it keeps exactly what the deletion on one
 * solver over every group keeps (the way it ran before), and what it keeps is a minimal conflict: no
 * model, and a model once any one group is left out.
 */
class FactCoreDeletionTest {

    private static final Budget NONE = Budget.of(Optional.empty());

    @Test
    void keepsWhatDeletionOverEveryGroupKeepsAndThatIsMinimal() {
        int unsatisfiable = 0;
        int narrowed = 0;
        for (long seed = 1; seed <= 3000; seed++) {
            RandomCase c = SmallCases.random(seed, 8);
            Encoding e = EncodingGoldenTest.encode(c.index(), c.request());
            if (!unsatisfiable(e, e.constraints())) {
                continue;
            }
            unsatisfiable++;
            Map<FactCore.Key, List<Constraint>> groups = FactCore.group(e);
            List<FactCore.Key> keys = new ArrayList<>(groups.keySet());
            keys.sort(java.util.Comparator.comparingInt(FactCore.Key::priority));
            IntFunction<List<Constraint>> group = i -> groups.get(keys.get(i));

            List<Integer> kept = Explainer.deletion(e, keys.size(), group, NONE);
            assertEquals(onOneSolver(e, keys.size(), group), kept, "seed " + seed);
            narrowed += kept.size() < keys.size() ? 1 : 0;

            List<Constraint> conflict = new ArrayList<>();
            kept.forEach(i -> conflict.addAll(group.apply(i)));
            assertTrue(unsatisfiable(e, conflict), "seed " + seed + ": what is kept has a model");
            for (int leftOut : kept) {
                List<Constraint> rest = new ArrayList<>();
                kept.stream().filter(i -> i != leftOut).forEach(i -> rest.addAll(group.apply(i)));
                assertTrue(!unsatisfiable(e, rest), "seed " + seed + ": group " + keys.get(leftOut) + " is not needed");
            }
        }
        // The cases reach the path under test: conflicts among many groups, most of which are left out.
        assertTrue(unsatisfiable >= 1000, "unsatisfiable cases: " + unsatisfiable);
        assertTrue(narrowed >= 1000, "cases whose conflict leaves groups out: " + narrowed);
    }

    /**
     * A check's reasons ({@link Explainer#conflict}) guard only the root's requirements, the rest holding
     * always: the requirements kept cannot hold together with everything else, and can once any one of
     * them is left out.
     */
    @Test
    void aConflictAmongTheRootsRequirementsIsMinimalWithTheRestFixed() {
        int unsatisfiable = 0;
        int narrowed = 0;
        for (long seed = 1; seed <= 3000; seed++) {
            RandomCase c = SmallCases.random(seed, 8);
            Encoding e = EncodingGoldenTest.encode(c.index(), c.request());
            if (e.emptyClause() != null || !unsatisfiable(e, e.constraints())) {
                continue;
            }
            unsatisfiable++;
            List<Constraint> root = e.constraints().subList(0, e.rootConstraintCount());
            List<Constraint> fixed = e.constraints().subList(e.rootConstraintCount(), e.constraints().size());
            List<Reason> kept = Explainer.conflict(e, NONE, root::contains);
            List<Constraint> conflict = new ArrayList<>(fixed);
            root.stream().filter(r -> kept.contains(r.reason())).forEach(conflict::add);
            assertTrue(unsatisfiable(e, conflict), "seed " + seed + ": what is kept has a model");
            for (Reason leftOut : kept) {
                List<Constraint> rest = new ArrayList<>(fixed);
                root.stream().filter(r -> kept.contains(r.reason()) && !r.reason().equals(leftOut)).forEach(rest::add);
                assertTrue(!unsatisfiable(e, rest), "seed " + seed + ": " + leftOut.describe() + " is not needed");
            }
            narrowed += kept.size() < root.size() ? 1 : 0;
        }
        assertTrue(unsatisfiable >= 600, "unsatisfiable cases: " + unsatisfiable);
        assertTrue(narrowed >= 300, "cases whose conflict leaves requirements out: " + narrowed);
    }

    private static boolean unsatisfiable(Encoding e, List<Constraint> constraints) {
        Sat sat = new Sat(e.variables(), NONE);
        sat.addAll(constraints);
        return sat.solve() == Sat.Answer.UNSAT;
    }

    /**
     * Deletion as it ran before, the oracle: every step on the one solver over every group that found
     * the first core.
     */
    private static List<Integer> onOneSolver(Encoding e, int n, IntFunction<List<Constraint>> group) {
        Sat sat = Explainer.guarded(e, n, group, i -> true, NONE);
        int first = e.variables() + 1;
        int[] all = new int[n];
        Arrays.setAll(all, i -> first + i);
        assertEquals(Sat.Answer.UNSAT, sat.solve(all));
        TreeSet<Integer> core = new TreeSet<>();
        for (int lit : sat.explanation()) {
            if (lit >= first) {
                core.add(lit);
            }
        }
        if (core.isEmpty() || sat.solve(core.stream().mapToInt(Integer::intValue).toArray()) != Sat.Answer.UNSAT) {
            core.clear();
            Arrays.stream(all).forEach(core::add);
        }
        List<Integer> list = new ArrayList<>(core);
        for (int i = 0; i < list.size(); ) {
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
}
