package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link TransitiveBound}, plain and refined, against every solution of small random cases, found by trying every
 * assignment: no solution (selecting no dominated candidate, as the optimiser's solver) has a transitive
 * rank below the bound, and every solution that meets it selects each designated candidate, which is
 * what {@link Bounds} builds its proof of the packages level on. The cases must also include bounds
 * above 0, or the check says nothing new.
 */
class TransitiveBoundTest {

    @Test
    void noSolutionGoesBelowTheBoundAndEveryOneMeetingItSelectsTheDesignated() {
        int positive = 0;
        int tried = 0;
        for (SmallCases.Case c : SmallCases.upTo(4000)) {
            Encoding e = c.encoding();
            int n = e.candidates();
            tried++;
            TransitiveBound bound = TransitiveBound.of(e, c.seed() % 4 < 2); // plain and refined in turn
            positive += bound.bound > 0 ? 1 : 0;
            for (boolean[] model : SmallCases.solutions(e)) {
                long cost = e.costs(model)[2];
                String where = "case " + c.seed() + ", solution " + selected(e, model);
                assertTrue(cost >= bound.bound, where + " goes below the bound " + bound.bound);
                if (cost == bound.bound) {
                    for (int v = 1; v <= n; v++) {
                        assertTrue(!bound.designated[v] || model[v], where + " meets the bound without " + e.id(v));
                    }
                }
            }
        }
        assertTrue(tried > 1000, tried + " cases tried");
        assertTrue(positive > 20, positive + " cases with a bound above 0");
    }

    /**
     * The shape of {@code rand_core} on crates.io (0.3 needed through a range spanning 0.2 and 0.3, 0.4
     * through another route): the route from {@code a}, met first, sets {@code P(core)} to 0.4 alone, and
     * the one from {@code b}, spanning two compatibility classes, cannot narrow it, yet it still holds a
     * selected version, of rank 1 at least. The bound is 1, the optimum, proven without the solver.
     */
    @Test
    void aRouteThatCannotNarrowItsPackageStillBoundsIt() {
        Map<PackageName, List<Release>> registry = new LinkedHashMap<>();
        release(registry, "app", "1.0.0", "a", "^1", "b", "^1");
        release(registry, "a", "1.0.0", "core", "^0.4");
        release(registry, "b", "1.0.0", "core", ">=0.2.0, <0.4.0");
        release(registry, "core", "0.2.0");
        release(registry, "core", "0.3.0");
        release(registry, "core", "0.4.0");
        ResolveRequest request = new ResolveRequest(new Manifest(PackageName.of("root"), Version.parse("0.0.0"),
                List.of(Dependency.parse("app", "^1"))), Set.of(), VersionPolicy.SEMVER_MAJOR, false,
                Optional.empty());
        RandomCase c = new RandomCase(registry, request);
        Encoding e = EncodingGoldenTest.encode(c.index(), request);
        assertEquals(1, TransitiveBound.of(e, false).bound);
        Resolution r = Resolve.run(c.index(), request, true);
        assertEquals(List.of(0L, 0L, 1L, 5L), ((Resolution.Solved) r).objective());
        assertEquals(0, r.statistics().solverCalls(), "proven by the bounds");
    }

    private static void release(Map<PackageName, List<Release>> registry, String name, String version,
                                String... dependencies) {
        List<Dependency> deps = new java.util.ArrayList<>();
        for (int i = 0; i < dependencies.length; i += 2) {
            deps.add(Dependency.parse(dependencies[i], dependencies[i + 1]));
        }
        registry.computeIfAbsent(PackageName.of(name), k -> new java.util.ArrayList<>())
                .add(new Release(PackageId.of(name, version), deps, false, Optional.empty()));
    }

    private static String selected(Encoding e, boolean[] model) {
        StringBuilder text = new StringBuilder();
        for (int v = 1; v <= e.candidates(); v++) {
            if (model[v]) {
                text.append(text.length() == 0 ? "" : " ").append(e.id(v));
            }
        }
        return "{" + text + "}";
    }
}
