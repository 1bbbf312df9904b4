package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import io.cocoatly.solver.ResolveRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the greedy proof path reads instead of the constraints and the objective levels, which are
 * built only when a solver or an explanation needs them, must give the same answers as they do:
 * {@link Encoding#satisfiedByCandidates} as {@link Encoding#satisfiedBy}, {@link Encoding#costs} as
 * each {@link Objective#cost}, {@link Encoding#constraintCount} as the constraints built, in resolve
 * and check encodings alike. Tried on the greedy guess, the oldest versions, the greedy guess with one
 * selection flipped (the near misses where a wrong shortcut would show), and random assignments.
 */
class LazyEncodingTest {

    private static final int CASES = 600;

    @Test
    void theProofPathAgreesWithTheConstraintsAndObjectives() {
        Random random = new Random(15);
        int models = 0;
        int satisfied = 0;
        for (long seed = 1; seed <= CASES; seed++) {
            VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
            RandomCase c = RandomCase.generate(seed, 10, policy);
            ResolveRequest request = c.request();
            Encoding e = EncodingGoldenTest.encode(c.index(), request);
            for (boolean[] model : models(e, random)) {
                boolean expected = e.emptyClause() == null && e.satisfiedBy(model);
                assertEquals(expected, e.satisfiedByCandidates(model), () -> "case " + c);
                long[] costs = new long[e.objectives().size()];
                for (int k = 0; k < costs.length; k++) {
                    costs[k] = e.objectives().get(k).cost(model);
                }
                assertArrayEquals(costs, e.costs(model), () -> "case " + c);
                models++;
                satisfied += expected ? 1 : 0;
            }
            assertEquals(e.constraints().size(), e.constraintCount());
            Encoding check = Encoder.forCheck(Universe.forCheck(c.index(), c.registry().keySet()),
                    c.registry().keySet(), policy, "test");
            assertEquals(check.constraints().size(), check.constraintCount());
        }
        // Both answers must have been met often, or the agreement says little.
        int tried = models;
        int held = satisfied;
        assertTrue(held > tried / 10 && held < tried * 9 / 10,
                () -> held + " of " + tried + " models satisfied");
    }

    private static List<boolean[]> models(Encoding e, Random random) {
        List<boolean[]> models = new ArrayList<>();
        boolean[] hint = Greedy.hint(e);
        models.add(hint);
        boolean[] oldest = new boolean[e.variables() + 1];
        for (int v = 1; v <= e.candidates(); v++) {
            oldest[v] = v == 1 || e.packageOf[v] != e.packageOf[v - 1];
        }
        models.add(oldest);
        for (int v = 1; v <= e.candidates(); v++) {
            boolean[] flipped = hint.clone();
            flipped[v] = !flipped[v];
            models.add(flipped);
        }
        for (int i = 0; i < 4; i++) {
            boolean[] any = new boolean[e.variables() + 1];
            for (int v = 1; v <= e.candidates(); v++) {
                any[v] = random.nextInt(3) == 0;
            }
            models.add(any);
        }
        return models;
    }
}
