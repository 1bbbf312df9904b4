package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.TestIndex;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Greedy#lookahead} and its {@link Greedy#estimates}: the second guess takes a slightly older
 * version that needs newer ones where the first takes the newest, each estimate is what its formula
 * says wherever the graph has no cycle, and the optimiser that starts from the cheaper guess still
 * reaches every small case's optimum, found by trying every assignment.
 */
class LookaheadTest {

    /** The newest {@code b} needs an old {@code c}; the one before it needs the newest. */
    private static final String[] OLDER_NEEDS_NEWER = {
            "app 1.0.0 -> b ^1",
            "b 1.0.0 -> c ^2",
            "b 1.1.0 -> c ^1",
            "c 1.0.0",
            "c 2.0.0",
            "c 2.1.0"};

    @Test
    void theSecondGuessTakesTheOlderVersionThatNeedsNewerOnes() {
        Encoding e = EncodingGoldenTest.encode(TestIndex.of(OLDER_NEEDS_NEWER), request());
        assertEquals("{app@1.0.0 b@1.1.0 c@1.0.0}", SmallCases.selected(e, Greedy.hint(e)));
        long[][] estimates = Greedy.estimates(e, null);
        // b 1.0.0: its rank 1, and c 2.1.0 of rank 0; b 1.1.0: rank 0, and c 1.0.0 of rank 2.
        assertEquals(1, estimates[0][variable(e, "b@1.0.0")]);
        assertEquals(2, estimates[0][variable(e, "b@1.1.0")]);
        for (long[] estimate : estimates) {
            assertEquals("{app@1.0.0 b@1.0.0 c@2.1.0}", SmallCases.selected(e, Greedy.lookahead(e, estimate)));
        }
        assertArrayEquals(new long[] {0, 0, 2, 3}, e.costs(Greedy.hint(e)));
        assertArrayEquals(new long[] {0, 0, 1, 3}, e.costs(Greedy.lookahead(e, estimates[0])));
    }

    /**
     * The resolution takes the second guess, which the bounds prove optimal: no solver call, where
     * the first guess (cost 2) needed the solver to find the optimum.
     */
    @Test
    void theResolutionStartsFromTheCheaperGuess() {
        Resolution r = Resolve.run(TestIndex.of(OLDER_NEEDS_NEWER), request(), true);
        Resolution.Solved solved = (Resolution.Solved) r;
        assertEquals(List.of(0L, 0L, 1L, 3L), solved.objective());
        assertEquals("[app@1.0.0, b@1.0.0, c@2.1.0]",
                solved.packages().stream().map(p -> p.id().toString()).toList().toString());
        assertEquals(0, r.statistics().solverCalls(), "proven by the bounds from the second guess");
    }

    /**
     * On every random case (up to ten packages) whose candidates reach no cycle from the root: each candidate the pass
     * reaches has the estimates its formulas give, computed here by plain recursion, and the sum is
     * never below the most, nor the most below the candidate's own rank.
     */
    @Test
    void everyEstimateIsItsFormulaWhereTheGraphHasNoCycle() {
        int checked = 0;
        int deep = 0;
        for (long seed = 1; seed <= 3000; seed++) {
            VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
            RandomCase c = RandomCase.generate(seed, 10, policy);
            Encoding e = EncodingGoldenTest.encode(c.index(), c.request());
            TransitiveBound.Graph g = TransitiveBound.Graph.of(e);
            if (reachesCycle(e, g)) {
                continue;
            }
            long[][] estimates = Greedy.estimates(e, null);
            long[] sum = new long[e.candidates() + 1];
            long[] max = new long[e.candidates() + 1];
            Arrays.fill(sum, -1);
            for (int[] clause : e.rootClauses) {
                for (int r : clause) {
                    formula(e, g, r, sum, max);
                }
            }
            for (int v = 1; v <= e.candidates(); v++) {
                if (sum[v] < 0) {
                    continue;
                }
                String where = "seed " + seed + ", " + e.id(v);
                assertEquals(sum[v], estimates[0][v], where);
                assertEquals(max[v], estimates[1][v], where);
                assertTrue(estimates[0][v] >= estimates[1][v], where);
                assertTrue(estimates[1][v] >= (e.direct[v] ? 0 : e.rank[v]), where);
                checked++;
                // A candidate that costs its own rank and needs one that costs something too.
                deep += max[v] < Greedy.NONE && max[v] > (e.direct[v] ? 0 : e.rank[v]) && !e.direct[v] && e.rank[v] > 0 ? 1 : 0;
            }
        }
        int estimated = checked;
        int chained = deep;
        assertTrue(estimated > 3000 && chained >= 10, () -> estimated + " estimates checked, " + chained + " of a chain of costs");
    }

    /**
     * On every small case the optimiser, which takes a second guess where it is cheaper than the
     * first, reaches the optimum of trying every assignment; the second guess must have been the
     * cheaper one on some of them, or this says nothing of it.
     */
    @Test
    void theOptimiserStartingFromTheCheaperGuessReachesEveryOptimum() {
        int cheaper = 0;
        for (SmallCases.Case c : SmallCases.upTo(12000)) {
            Encoding e = c.encoding();
            List<boolean[]> solutions = SmallCases.solutions(e);
            if (solutions.isEmpty()) {
                continue;
            }
            long[] optimum = SmallCases.optimum(e, solutions);
            boolean[] first = Greedy.hint(e);
            long[] firstCosts = e.satisfiedBy(first) ? e.costs(first) : null;
            for (long[] estimate : Greedy.estimates(e, null)) {
                boolean[] second = Greedy.lookahead(e, estimate);
                if (e.satisfiedBy(second) && (firstCosts == null || Arrays.compare(e.costs(second), firstCosts) < 0)) {
                    cheaper++;
                    break;
                }
            }
            Optimizer.Result r = Optimizer.run(e, Budget.of(Optional.empty()), true);
            assertArrayEquals(optimum, r.costs(), "seed " + c.seed());
            assertTrue(r.optimal(), "seed " + c.seed());
        }
        assertTrue(cheaper >= 10, cheaper + " cases where a second guess was the cheaper");
    }

    private static void formula(Encoding e, TransitiveBound.Graph g, int v, long[] sum, long[] max) {
        if (sum[v] >= 0) {
            return;
        }
        long own = e.direct[v] ? 0 : e.rank[v];
        if (e.blocked(v)) {
            sum[v] = Greedy.NONE;
            max[v] = Greedy.NONE;
            return;
        }
        long total = own;
        long most = own;
        for (int k = g.start[v]; k < g.start[v + 1]; k++) {
            long leastSum = Greedy.NONE;
            long leastMax = Greedy.NONE;
            for (int t : g.targets[k]) {
                formula(e, g, t, sum, max);
                leastSum = Math.min(leastSum, sum[t]);
                leastMax = Math.min(leastMax, max[t]);
            }
            total = Math.min(Greedy.NONE, total + leastSum);
            most = Math.max(most, leastMax == Greedy.NONE ? Greedy.NONE : own + leastMax);
        }
        sum[v] = total;
        max[v] = most;
    }

    /** Whether a cycle of edges is reachable from the root's requirements through unblocked candidates. */
    private static boolean reachesCycle(Encoding e, TransitiveBound.Graph g) {
        int[] state = new int[e.candidates() + 1];
        for (int[] clause : e.rootClauses) {
            for (int r : clause) {
                if (cycleFrom(e, g, r, state)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean cycleFrom(Encoding e, TransitiveBound.Graph g, int v, int[] state) {
        if (state[v] == 2 || e.blocked(v)) {
            return false;
        }
        if (state[v] == 1) {
            return true;
        }
        state[v] = 1;
        for (int k = g.start[v]; k < g.start[v + 1]; k++) {
            for (int t : g.targets[k]) {
                if (cycleFrom(e, g, t, state)) {
                    return true;
                }
            }
        }
        state[v] = 2;
        return false;
    }

    private static ResolveRequest request() {
        return new ResolveRequest(new Manifest(PackageName.of("root"), Version.parse("0.0.0"),
                List.of(Dependency.parse("app", "^1"))), Set.of(), VersionPolicy.ONE_PER_PACKAGE, false,
                Optional.empty());
    }

    private static int variable(Encoding e, String id) {
        for (int v = 1; v <= e.candidates(); v++) {
            if (e.id(v).toString().equals(id)) {
                return v;
            }
        }
        throw new AssertionError(id + " is no candidate");
    }
}
