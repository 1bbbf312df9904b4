package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the optimiser's solver is given instead of every constraint ({@link Encoding#liveConstraints}):
 * with the dominated candidates false, exactly the same assignments satisfy it (every assignment of
 * each {@link SmallCases} case tried). It is every constraint as it stands but the dominated
 * candidates' own, each holding that candidate's {@code ¬x}: what a false candidate leaves of a
 * constraint is the solver's to work out ({@link SatLeftOutTest}). Built before every constraint is
 * (the dominated candidates' own constraints never built), it is the same list, in the same order, as
 * built after.
 */
class LiveConstraintsTest {

    @Test
    void withTheDominatedFalseTheLiveConstraintsHoldExactlyWhenAllDo() {
        int withDominated = 0;
        int dropped = 0;
        int held = 0;
        int tried = 0;
        for (SmallCases.Case c : SmallCases.upTo(3000)) {
            Encoding e = c.encoding();
            List<Constraint> live = e.liveConstraints();
            e.constraints(); // built now: the live ones are the same list whatever was built before
            assertEquals(live.toString(), e.liveConstraints().toString(), () -> "seed " + c.seed());
            boolean anyDominated = false;
            for (int v = 1; v <= e.candidates(); v++) {
                anyDominated |= e.dominator[v] != 0;
            }
            withDominated += anyDominated ? 1 : 0;
            dropped += e.constraints().size() - live.size();
            // Given as they are (the solver works out what a false candidate leaves of each), and only
            // the dominated candidates' own constraints dropped: each holds that candidate's ¬x.
            Set<String> kept = new HashSet<>();
            live.forEach(k -> kept.add(k.toString()));
            Set<String> every = new HashSet<>();
            for (Constraint k : e.constraints()) {
                every.add(k.toString());
                if (!kept.contains(k.toString())) {
                    assertTrue(Arrays.stream(k.literals()).anyMatch(l -> l < 0 && e.dominator[-l] != 0),
                            () -> "seed " + c.seed() + ": dropped " + k);
                }
            }
            assertTrue(every.containsAll(kept), () -> "seed " + c.seed());
            for (boolean[] model : SmallCases.assignments(e, false)) {
                boolean all = e.satisfiedBy(model);
                assertEquals(all, live.stream().allMatch(k -> k.holds(model)), () -> "seed " + c.seed());
                held += all ? 1 : 0;
                tried++;
            }
        }
        // The cases must have had dominated candidates, dropped constraints and both answers, or the
        // agreement says little.
        int cases = withDominated;
        int models = tried;
        int satisfied = held;
        assertTrue(cases > 50, () -> cases + " cases had dominated candidates");
        assertTrue(dropped > 0);
        assertTrue(satisfied > 0 && satisfied < models / 2, () -> satisfied + " of " + models);
    }
}
