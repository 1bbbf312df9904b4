package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the optimiser's solver is given instead of every constraint ({@link Encoding#liveConstraints}):
 * with the dominated candidates false, exactly the same assignments satisfy it, and no dominated
 * candidate is left in it (but in a clause kept whole because it would otherwise be empty).
 */
class LiveConstraintsTest {

    private static final int CASES = 1_200;

    @Test
    void withTheDominatedFalseTheLiveConstraintsHoldExactlyWhenAllDo() {
        Random random = new Random(42);
        int withDominated = 0;
        int dropped = 0;
        int held = 0;
        int tried = 0;
        for (long seed = 1; seed <= CASES; seed++) {
            VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
            RandomCase c = RandomCase.generate(seed, 10, policy);
            Encoding e = EncodingGoldenTest.encode(c.index(), c.request());
            List<Constraint> live = e.liveConstraints();
            boolean anyDominated = false;
            for (int v = 1; v <= e.candidates(); v++) {
                anyDominated |= e.dominator[v] != 0;
            }
            withDominated += anyDominated ? 1 : 0;
            dropped += e.constraints().size() - live.size();
            for (Constraint k : live) {
                boolean keptWhole = e.constraints().contains(k);
                for (int lit : k.literals()) {
                    assertTrue(keptWhole || e.dominator[Math.abs(lit)] == 0, () -> "case " + c + ": " + k);
                }
            }
            for (int i = 0; i < 30; i++) {
                boolean[] model = i == 0 ? Greedy.hint(e) : new boolean[e.variables() + 1];
                for (int v = 1; i > 0 && v <= e.candidates(); v++) {
                    model[v] = random.nextInt(3) == 0;
                }
                for (int v = 1; v <= e.candidates(); v++) {
                    model[v] &= e.dominator[v] == 0;
                }
                boolean all = e.satisfiedBy(model);
                boolean liveHold = live.stream().allMatch(k -> k.holds(model));
                assertEquals(all, liveHold, () -> "case " + c);
                held += all ? 1 : 0;
                tried++;
            }
        }
        // The cases must have had dominated candidates, dropped constraints and both answers, or the
        // agreement says little.
        int cases = withDominated;
        int models = tried;
        int satisfied = held;
        // About one random case in ten has a dominated candidate.
        assertTrue(cases > CASES / 20, () -> cases + " cases of " + CASES + " had dominated candidates");
        assertTrue(dropped > 0);
        assertTrue(satisfied > models / 20 && satisfied < models * 19 / 20, () -> satisfied + " of " + models);
    }
}
