package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimiser's bounds as its solver holds them: over the {@linkplain Encoding#liveObjectives live
 * terms} only, and {@linkplain Sat#retireBound retired} once tried. On every {@link SmallCases} case, bounds
 * on each level are tried in a random order, tight ones (no solution) before loose ones as often as
 * not, each retired before the next, and every answer is checked against the solutions found by
 * trying every assignment. A retired bound that still constrained the solver (a clause learnt from
 * it surviving without its selector, or the unit of the wrong sign) would refuse a looser bound that
 * has solutions; a live level that lost a term would admit a model the full level refuses.
 */
class BoundRetirementTest {

    @Test
    void liveLevelsLeaveOutExactlyTheBlockedCandidates() {
        for (SmallCases.Case c : SmallCases.upTo(600)) {
            Encoding e = c.encoding();
            List<Objective> live = e.liveObjectives();
            List<Objective> all = e.objectives();
            for (int k = 0; k < all.size(); k++) {
                int kept = 0;
                for (int v : all.get(k).vars()) {
                    kept += e.blocked(v) ? 0 : 1;
                }
                assertEquals(kept, live.get(k).vars().length, () -> "seed " + c.seed());
                for (int v : live.get(k).vars()) {
                    assertTrue(!e.blocked(v), () -> "seed " + c.seed() + ": blocked " + v + " kept");
                }
            }
        }
    }

    @Test
    void eachBoundAnswersAsIfAloneWhateverWasTriedAndRetiredBefore() {
        Random random = new Random(7);
        int refusedThenAdmitted = 0;
        int answers = 0;
        for (SmallCases.Case c : SmallCases.upTo(1500)) {
            Encoding e = c.encoding();
            List<boolean[]> solutions = SmallCases.solutions(e);
            if (solutions.isEmpty()) {
                continue;
            }
            Sat sat = new Sat(e.variables(), Budget.of(Optional.empty()), e.leftOut());
            sat.addAll(e.liveConstraints());
            List<Objective> levels = e.objectives();
            List<Objective> live = e.liveObjectives();
            for (int k = 0; k < levels.size(); k++) {
                long least = Long.MAX_VALUE;
                for (boolean[] s : solutions) {
                    least = Math.min(least, levels.get(k).cost(s));
                }
                boolean refused = false;
                for (int tries = 0; tries < 6; tries++) {
                    // Around the least cost, so that both answers come up, in any order.
                    long bound = Math.max(0, least - 2 + random.nextInt(5));
                    // The bound tried before is retired here, by hand after every other try.
                    int selector = sat.tryBound(live.get(k), bound);
                    Sat.Answer answer = sat.solve(selector);
                    boolean expected = bound >= least;
                    int level = k;
                    assertEquals(expected ? Sat.Answer.SAT : Sat.Answer.UNSAT, answer,
                            () -> "seed " + c.seed() + ", level " + level + ", bound " + bound);
                    if (answer == Sat.Answer.SAT) {
                        boolean[] model = sat.model(e.variables());
                        assertTrue(e.satisfiedBy(model) && levels.get(k).cost(model) <= bound,
                                () -> "seed " + c.seed() + ", level " + level + ", bound " + bound);
                        refusedThenAdmitted += refused ? 1 : 0;
                    }
                    refused |= answer == Sat.Answer.UNSAT;
                    answers++;
                    if (tries % 2 == 1) {
                        sat.retireBound();
                    }
                }
            }
        }
        // Tight bounds retired before looser ones with solutions must have come up, or little is shown.
        int admitted = refusedThenAdmitted;
        assertTrue(admitted > 500, () -> admitted + " looser bounds after a refused one");
        assertTrue(answers > 5000, answers + " answers");
    }
}
