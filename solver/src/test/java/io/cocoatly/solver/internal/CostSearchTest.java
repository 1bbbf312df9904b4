package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostSearchTest {

    /**
     * Runs the search against an oracle whose least cost is {@code optimum}: a try at bound b finds a
     * model costing {@code max(optimum, b − slack)} when b ≥ optimum, else UNSAT. Returns the bounds tried.
     */
    private static List<Long> search(long lower, long first, long optimum, long slack) {
        CostSearch search = new CostSearch(lower, first);
        List<Long> tried = new ArrayList<>();
        while (!search.done()) {
            long bound = search.nextBound();
            assertTrue(bound >= lower && bound < search.best(), "bound " + bound + " outside [lower, best)");
            tried.add(bound);
            if (bound >= optimum) {
                search.found(Math.max(optimum, bound - slack));
            } else {
                search.refuted(bound);
            }
            assertTrue(tried.size() < 1000, "no end");
        }
        assertEquals(optimum, search.best());
        return tried;
    }

    @Test
    void oneStepFromTheOptimumTakesTwoCallsAsOneStepAtATimeDoes() {
        assertEquals(List.of(10L, 8L, 9L), search(0, 11, 10, 0).subList(0, 3));
        // The UNSAT at optimum − 1 is what proves the optimum; nothing else is tried below it here.
        assertEquals(List.of(9L), search(0, 10, 10, 0));
    }

    @Test
    void aFarFirstModelTakesLogarithmicallyManyCallsNotOnePerUnit() {
        // The workspace benchmark's direct rank: a first model at 462, the optimum 114.
        List<Long> tried = search(0, 462, 114, 0);
        // One step at a time: 349 calls. Each round of doubling steps takes O(log gap) calls, and each
        // UNSAT at least halves the gap left: at most O(log² gap), far fewer in practice.
        assertTrue(tried.size() <= 30, "calls: " + tried.size() + " " + tried);
        assertTrue(tried.contains(113L), "the optimum is proven by an UNSAT just below it: " + tried);
    }

    @Test
    void theLowerBoundEndsTheSearchWithoutAnUnsatCall() {
        List<Long> tried = search(5, 40, 5, 0);
        assertTrue(tried.stream().allMatch(b -> b >= 5));
        assertTrue(tried.size() <= 7, "calls: " + tried);
    }

    @Test
    void aModelBetterThanAskedForIsTakenAsTheNewBest() {
        // Each model undercuts its bound by 3: the search still ends at the optimum.
        assertEquals(0, search(0, 1000, 0, 3).stream().filter(b -> b < 0).count());
        assertTrue(search(0, 1000, 700, 3).size() < 30);
    }
}
