package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Encoding#capRanks}, then {@link Encoding#ruleOutUnreached}: with every solution of every
 * {@link SmallCases} case taken in turn as the known one, under the conditions the optimiser caps with
 * (no preferred version changed; the transitive cap only when the known direct rank is the least, by
 * the plain or the refined transitive bound's parts in turn), no optimal solution selects a candidate
 * ruled out, and the live constraints, with the ruled-out and dominated candidates false, hold exactly
 * when all constraints do.
 */
class CapRanksTest {

    @Test
    void noOptimalSolutionSelectsACappedCandidate() {
        int capped = 0;
        int byParts = 0;
        int unreachedCount = 0;
        int optimaChecked = 0;
        for (SmallCases.Case c : SmallCases.upTo(4000)) {
            Encoding e = c.encoding();
            e.findDominated();
            List<boolean[]> solutions = SmallCases.solutions(e);
            List<boolean[]> optima = optima(e, solutions);
            if (optima.isEmpty()) {
                continue;
            }
            long leastDirect = e.costs(optima.get(0))[1];
            for (boolean[] known : solutions) {
                long[] costs = e.costs(known);
                if (costs[0] != 0) {
                    continue;
                }
                boolean directLeast = costs[1] == leastDirect;
                TransitiveBound bound = directLeast ? TransitiveBound.of(e, c.seed() % 2 == 0) : null;
                e.capRanks(costs[1], directLeast ? costs[2] : Long.MAX_VALUE, null);
                int withoutParts = ruledOut(e).length;
                e.capRanks(costs[1], directLeast ? costs[2] : Long.MAX_VALUE, bound);
                int byRank = ruledOut(e).length;
                e.ruleOutUnreached();
                int[] out = ruledOut(e);
                capped += byRank;
                byParts += byRank - withoutParts;
                unreachedCount += out.length - byRank;
                for (boolean[] optimum : optima) {
                    for (int v : out) {
                        assertTrue(!optimum[v], () -> "seed " + c.seed() + ": capped " + v + " is in an optimum");
                    }
                    optimaChecked++;
                }
                List<Constraint> live = e.liveConstraints();
                for (boolean[] model : SmallCases.assignments(e, false)) {
                    boolean selectsCapped = false;
                    for (int v : out) {
                        selectsCapped |= model[v];
                    }
                    if (!selectsCapped) {
                        assertEquals(e.satisfiedBy(model), live.stream().allMatch(k -> k.holds(model)),
                                () -> "seed " + c.seed());
                    }
                }
            }
        }
        int any = capped;
        int parts = byParts;
        int unreached = unreachedCount;
        int checked = optimaChecked;
        assertTrue(any > 200 && parts > 25 && unreached > 200 && checked > 500, () -> any + " capped (" + parts
                + " by the bound's parts), " + unreached + " unreached, " + checked + " optima checked");
    }

    /**
     * The candidates {@link Encoding#capRanks} and {@link Encoding#ruleOutUnreached} ruled out so far
     * (ascending): those ruled out but not dominated, excluded ones among them.
     */
    private static int[] ruledOut(Encoding e) {
        return java.util.stream.IntStream.rangeClosed(1, e.candidates())
                .filter(v -> e.ruledOut(v) && e.dominator[v] == 0).toArray();
    }

    /** The solutions least at every level, in order. */
    private static List<boolean[]> optima(Encoding e, List<boolean[]> solutions) {
        List<boolean[]> best = new ArrayList<>();
        long[] least = null;
        for (boolean[] s : solutions) {
            long[] costs = e.costs(s);
            int order = least == null ? -1 : java.util.Arrays.compare(costs, least);
            if (order < 0) {
                best.clear();
                least = costs;
            }
            if (order <= 0) {
                best.add(s);
            }
        }
        return best;
    }
}
