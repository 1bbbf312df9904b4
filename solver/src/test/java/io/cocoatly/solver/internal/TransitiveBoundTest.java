package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.TestIndex;
import java.util.List;
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
                String where = "case " + c.seed() + ", solution " + SmallCases.selected(e, model);
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
     * The optimiser keeps a plain bound made before the dominated candidates were known and refines it
     * knowing them ({@link TransitiveBound#refine}): that refined bound must hold for every solution of
     * the small cases, as above, hold the dominated candidates dead (its dead candidates bound the
     * direct rank and the forced set), and prove at least what the refined bound made after them
     * proves (it replaced that one), also on larger cases.
     */
    @Test
    void aBoundRefinedFromOneMadeBeforeDominanceKnowsTheDominatedDead() {
        int dominated = 0;
        int checked = 0;
        for (long seed = 1; seed <= 3000; seed++) {
            boolean small = seed <= 1500;
            VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
            io.cocoatly.solver.RandomCase c = io.cocoatly.solver.RandomCase.generate(seed, small ? 5 : 12, policy);
            Manifest root = c.request().root();
            Preferences preferred = Preferences.of(c.request().preferred(), policy);
            Universe u = Universe.forRoot(c.index(), root.name(), root.dependencies(), preferred);
            Encoding e = Encoder.forResolve(u, root, preferred, policy, c.request().allowPrereleases(),
                    c.index().name());
            if (e.emptyClause() != null || small && e.candidates() > SmallCases.MAX_CANDIDATES) {
                continue;
            }
            TransitiveBound before = TransitiveBound.of(e, false);
            e.findDominated();
            TransitiveBound refined = before.refine(e);
            TransitiveBound after = TransitiveBound.of(EncodingGoldenTest.encode(c.index(), c.request()), true);
            String where = "case " + seed;
            assertTrue(refined.bound >= after.bound, where + ": " + refined.bound + " below " + after.bound);
            for (int v = 1; v <= e.candidates(); v++) {
                assertTrue(e.dominator[v] == 0 || refined.dead[v], where + ": dominated " + e.id(v) + " not dead");
                dominated += e.dominator[v] != 0 ? 1 : 0;
            }
            for (boolean[] model : small ? SmallCases.solutions(e) : List.<boolean[]>of()) {
                long cost = e.costs(model)[2];
                assertTrue(cost >= refined.bound, where + ", solution " + SmallCases.selected(e, model) + " goes below "
                        + refined.bound);
                for (int v = 1; cost == refined.bound && v <= e.candidates(); v++) {
                    assertTrue(!refined.designated[v] || model[v], where + " meets the bound without " + e.id(v));
                }
                checked++;
            }
        }
        assertTrue(dominated > 100, dominated + " dominated candidates");
        assertTrue(checked > 500, checked + " solutions checked");
    }

    /**
     * The shape of {@code rand_core} on crates.io (0.3 needed through a range spanning 0.2 and 0.3, 0.4
     * through another route): the route from {@code a}, met first, sets {@code P(core)} to 0.4 alone, and
     * the one from {@code b}, spanning two compatibility classes, cannot narrow it, yet it still holds a
     * selected version, of rank 1 at least. The bound is 1, the optimum, proven without the solver.
     */
    @Test
    void aRouteThatCannotNarrowItsPackageStillBoundsIt() {
        assertProvenByTheBound(1, List.of(0L, 0L, 1L, 5L),
                "app 1.0.0 -> a ^1; b ^1",
                "a 1.0.0 -> core ^0.4",
                "b 1.0.0 -> core >=0.2.0, <0.4.0",
                "core 0.2.0",
                "core 0.3.0",
                "core 0.4.0");
    }

    /**
     * The shape of {@code tokio-reactor} and {@code crossbeam-utils}: the newest reactor needs utils
     * 0.6.1 (rank 2), the oldest (rank 3) nothing, the two between a package that does not exist. No
     * route reaches utils, since the oldest reactor has no edge into it; the account of reactor and
     * utils costs 2 in every solution, met only by reactor 1.3.0 with utils 0.6.1, which are then
     * designated (and nothing else: utils 0.6.2, of rank 1 in the same group, is in no such solution).
     */
    @Test
    void aPackageAccountsForWhatItsCandidatesNeedBelowThem() {
        assertProvenByTheBound(2, List.of(0L, 0L, 2L, 3L),
                "app 1.0.0 -> reactor ^1",
                "reactor 1.0.0",
                "reactor 1.1.0 -> ghost ^1; utils >=0.6.0",
                "reactor 1.2.0 -> ghost ^1",
                "reactor 1.3.0 -> utils =0.6.1",
                "utils 0.6.0",
                "utils 0.6.1",
                "utils 0.6.2",
                "utils 0.7.0");
    }

    /**
     * What a candidate needs includes what the one version an edge of it leaves needs (crates.io's
     * {@code rand_os} 0.1.3, which needs {@code rand_core} 0.4 itself and 0.3 through {@code rdrand}): os
     * 0.1.1 costs 2 (core 0.3.0 through rd), os 0.1.0 costs 3 (its own 1 and core 0.3.0).
     */
    @Test
    void anAccountFollowsAnEdgeWithOneLiveTarget() {
        assertProvenByTheBound(2, List.of(0L, 0L, 2L, 5L),
                "app 1.0.0 -> os ^0.1",
                "os 0.1.0 -> core ^0.3",
                "os 0.1.1 -> core ^0.4; rd ^0.4",
                "rd 0.4.0 -> core ^0.3",
                "core 0.3.0",
                "core 0.3.1 -> ghost ^1",
                "core 0.4.0");
    }

    /**
     * An account's need of one package is the larger of what its groups need and what a range spanning
     * groups needs, not their sum: p 1.2.0 needs q in {@code >=0.2.0, <0.4.0} (least rank 1, q 0.3.0),
     * and through t, its one version, q in {@code ^0.3} (rank 1 again, the same version). The optimum
     * costs 1 (p 1.2.0, q 0.3.0), below p 1.0.0's 2.
     */
    @Test
    void anAccountCountsOneVersionOnceWhenARangeSpanningGroupsAndAGroupMeetIt() {
        assertProvenByTheBound(1, List.of(0L, 0L, 1L, 5L),
                "app 1.0.0 -> p ^1",
                "p 1.0.0",
                "p 1.1.0 -> ghost ^1; q *",
                "p 1.2.0 -> q >=0.2.0, <0.4.0; t ^1",
                "t 1.0.0 -> q ^0.3",
                "q 0.2.0",
                "q 0.3.0 -> u ^1",
                "q 0.4.0",
                "u 1.0.0");
    }

    /**
     * Resolves {@code root -> app ^1} against {@code lines} ({@code name version [-> dep range; ...]})
     * under semver-major: the plain transitive bound is {@code bound}, the objective {@code objective},
     * and the bounds prove it without a solver call.
     */
    private static void assertProvenByTheBound(long bound, List<Long> objective, String... lines) {
        TestIndex index = TestIndex.of(lines);
        ResolveRequest request = new ResolveRequest(new Manifest(PackageName.of("root"), Version.parse("0.0.0"),
                List.of(Dependency.parse("app", "^1"))), Set.of(), VersionPolicy.SEMVER_MAJOR, false,
                Optional.empty());
        assertEquals(bound, TransitiveBound.of(EncodingGoldenTest.encode(index, request), false).bound);
        Resolution r = Resolve.run(index, request, true);
        assertEquals(objective, ((Resolution.Solved) r).objective());
        assertEquals(0, r.statistics().solverCalls(), "proven by the bounds");
    }
}
