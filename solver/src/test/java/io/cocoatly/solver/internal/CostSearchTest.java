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
    void oneStepFromTheOptimumTakesTwoCalls() {
        // The model at 10, then the UNSAT at 9 that proves it: nothing is tried below the optimum − 1.
        assertEquals(List.of(10L, 9L), search(0, 11, 10, 0));
        assertEquals(List.of(9L), search(0, 10, 10, 0));
    }

    @Test
    void theFirstTriesAreOneStepAtATimeThenTheStepsDouble() {
        List<Long> tried = search(0, 100, 50, 0);
        assertEquals(List.of(99L, 98L, 97L, 96L, 95L, 93L, 89L, 81L, 65L), tried.subList(0, 9));
        // After an UNSAT answer, one step at a time again.
        CostSearch search = new CostSearch(0, 100);
        search.refuted(20);
        for (long b = 99; b > 99 - CostSearch.LINEAR_FINDS; b--) {
            assertEquals(b, search.nextBound());
            search.found(b);
        }
        assertEquals(93, search.nextBound());
    }

    @Test
    void aFarFirstModelTakesLogarithmicallyManyCallsNotOnePerUnit() {
        // The workspace benchmark's direct rank: a first model at 462, the optimum 114.
        List<Long> tried = search(0, 462, 114, 0);
        // One step at a time: 349 calls. Each round takes LINEAR_FINDS single steps, then O(log gap)
        // doubling ones, and each UNSAT at least halves the gap left: O(log² gap) in all (37 calls here,
        // where this oracle's models never undercut their bound; doubling from the first try took 25).
        assertTrue(tried.size() <= 40, "calls: " + tried.size() + " " + tried);
        assertTrue(tried.contains(113L), "the optimum is proven by an UNSAT just below it: " + tried);
    }

    @Test
    void theLowerBoundEndsTheSearchWithoutAnUnsatCall() {
        List<Long> tried = search(5, 40, 5, 0);
        assertTrue(tried.stream().allMatch(b -> b >= 5));
        assertEquals(5L, tried.get(tried.size() - 1), "the last try is the lower bound: " + tried);
        assertTrue(tried.size() <= 9, "calls: " + tried);
    }

    @Test
    void aModelBetterThanAskedForIsTakenAsTheNewBest() {
        // Each model undercuts its bound by 3: the search still ends at the optimum.
        assertEquals(0, search(0, 1000, 0, 3).stream().filter(b -> b < 0).count());
        assertTrue(search(0, 1000, 700, 3).size() < 30);
    }

    @Test
    void aSmallGapAboveARefutedBoundIsClosedOneStepAtATime() {
        // glium 0.3.1's transitive rank: a model at 79, 75 refuted, then a model at 78. A doubled step
        // would try 76 (UNSAT, proving nothing) before 77; one step tries 77, whose UNSAT ends it.
        CostSearch search = new CostSearch(0, 79);
        search.refuted(75);
        assertEquals(78, search.nextBound());
        search.found(78);
        assertEquals(77, search.nextBound());
        search.refuted(77);
        assertTrue(search.done());
        assertEquals(78, search.best());
    }

    @Test
    void aWideGapAboveARefutedBoundIsStillClosedByDoublingSteps() {
        CostSearch search = new CostSearch(0, 1000);
        search.refuted(100);
        for (long cost = 900; cost > 900 - CostSearch.LINEAR_FINDS; cost--) {
            search.found(cost);
        }
        assertEquals(894, search.nextBound());
        search.found(894);
        assertEquals(890, search.nextBound());
    }

    @Test
    void beforeAnyRefutationTheStepsDoubleEvenNearTheLowerBound() {
        // The lower bound from Bounds.lower is not a refutation: it may be far below the optimum.
        CostSearch search = new CostSearch(10, 20);
        for (long cost = 19; cost > 19 - CostSearch.LINEAR_FINDS; cost--) {
            search.found(cost);
        }
        assertEquals(13, search.nextBound());
        search.found(13);
        assertEquals(10, search.nextBound());
    }
}
