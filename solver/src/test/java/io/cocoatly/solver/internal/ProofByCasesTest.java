package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.testkit.Scenario;
import io.cocoatly.testkit.ScenarioReader;
import io.cocoatly.testkit.TestData;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bound by cases ({@link TransitiveBound#split}) on the scenario built for it,
 * testdata/scenarios/basics/proven-by-cases.scenario: the refined bound falls short of the guess's
 * transitive rank, the bound by cases meets it with one case, and so both the transitive rank and the
 * packages level are proven without a solver call. {@code BoundsTest} checks the bound's soundness on
 * random cases.
 */
class ProofByCasesTest {

    @Test
    void theGuessIsProvenOptimalByCasesWithoutASolverCall() {
        Scenario s = ScenarioReader.read(TestData.scenarios().resolve("basics/proven-by-cases.scenario"));
        Encoding e = EncodingGoldenTest.encode(s.registry(), ResolveRequest.of(s.root()));
        boolean[] guess = Greedy.hint(e);
        assertTrue(e.satisfiedByCandidates(guess));
        long[] costs = e.costs(guess);
        assertEquals(1, costs[2], "the guess's transitive rank (x 1.0.0)");

        TransitiveBound refined = TransitiveBound.of(e, true);
        assertEquals(0, refined.bound, "no single route forces x or y");
        TransitiveBound.Split split = refined.split(e, costs[2], 16);
        assertEquals(1, split.value());
        assertNotNull(split.unique(), "only the case of mid 1.1.0 attains it");

        assertTrue(Bounds.proves(e, 2, guess, costs), "the transitive rank");
        assertTrue(Bounds.proves(e, 3, guess, costs), "the packages");
        Optimizer.Result result = Optimizer.run(e, Budget.of(Optional.empty()), true);
        assertTrue(result.optimal());
        assertEquals(0, result.calls(), "solver calls");
    }
}
