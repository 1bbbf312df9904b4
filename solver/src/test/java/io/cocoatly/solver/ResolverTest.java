package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.internal.Resolve;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResolverTest {

    /** Resolves, and checks that the unguided optimisation loop reaches the same answer. */
    static String solve(TestIndex index, ResolveRequest request) {
        return describe(resolve(index, request));
    }

    static Resolution resolve(TestIndex index, ResolveRequest request) {
        Resolution guided = new Resolver(index).resolve(request);
        Resolution unguided = Resolve.run(index, request, false);
        assertEquals(describe(guided), describe(unguided));
        if (guided instanceof Resolution.Solved s) {
            // What each requirement resolved to, too: the shortcuts report it as the full loop does.
            assertEquals(s.packages(), ((Resolution.Solved) unguided).packages());
            assertEquals(s.objective(), ((Resolution.Solved) unguided).objective());
            assertTrue(s.optimal() && ((Resolution.Solved) unguided).optimal());
        }
        return guided;
    }

    static String solve(TestIndex index, String root) {
        return solve(index, ResolveRequest.of(TestIndex.manifest(root)));
    }

    static String describe(Resolution r) {
        if (r instanceof Resolution.Unsatisfiable u) {
            return "unsatisfiable " + u.packages().stream().map(PackageName::toString).sorted().toList();
        }
        Resolution.Solved s = (Resolution.Solved) r;
        return s.packages().stream().map(p -> p.id().toString()).collect(Collectors.joining(" "));
    }

    @Test
    void picksTheNewestMatchingVersions() {
        TestIndex index = TestIndex.of("a 1.0.0", "a 1.2.0", "a 2.0.0", "b 0.1.0 -> a ^1", "b 0.2.0 -> a ^1");
        assertEquals("a@1.2.0 b@0.2.0", solve(index, "app 1.0.0 -> b *"));
    }

    /**
     * b's newest version depends on what does not exist, so every solution pays transitive rank 1 for
     * b; the transitive-rank bound over live candidates proves that without a solver call (there was
     * one before), and the packages level follows from b's designated version.
     */
    @Test
    void aTransitiveRankForcedByADeadNewestVersionIsProvenWithoutTheSolver() {
        TestIndex index = TestIndex.of("a 1.0.0 -> b ^1", "b 1.0.0 -> c ^1", "b 1.1.0 -> c ^9", "c 1.0.0",
                "c 1.1.0 -> d *", "d 1.0.0");
        Resolution r = resolve(index, ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *")));
        Resolution.Solved s = assertInstanceOf(Resolution.Solved.class, r);
        assertEquals("a@1.0.0 b@1.0.0 c@1.1.0 d@1.0.0", describe(s));
        assertEquals(List.of(0L, 0L, 1L, 4L), s.objective());
        assertTrue(s.optimal());
        assertEquals(0, s.statistics().solverCalls());
    }

    @Test
    void aDirectDependencyGoesOlderWhenATransitiveOneForcesIt() {
        TestIndex index = TestIndex.of("a 1.0.0", "a 2.0.0", "b 1.0.0 -> a ^1");
        Resolution r = resolve(index, ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *; b *")));
        Resolution.Solved s = assertInstanceOf(Resolution.Solved.class, r);
        assertEquals("a@1.0.0 b@1.0.0", describe(s));
        assertTrue(s.optimal());
        assertEquals(List.of(0L, 1L, 0L, 2L), s.objective());
    }

    @Test
    void directRankComesBeforeTransitiveRank() {
        // Newest a needs old c; old a allows newest c. Direct dependencies win.
        TestIndex index = TestIndex.of("a 1.0.0 -> c ^2", "a 2.0.0 -> c ^1", "c 1.0.0", "c 2.0.0");
        assertEquals("a@2.0.0 c@1.0.0", solve(index, "app 1.0.0 -> a *"));
    }

    @Test
    void fewestPackagesBreaksTies() {
        TestIndex index = TestIndex.of("a 1.0.0 -> b *; c *", "b 1.0.0 -> c *; d *", "b 2.0.0 -> c *", "c 1.0.0",
                "d 1.0.0");
        assertEquals("a@1.0.0 b@2.0.0 c@1.0.0", solve(index, "app 1.0.0 -> a *"));
    }

    @Test
    void preferredVersionsAreKeptBeforeNewestOnes() {
        TestIndex index = TestIndex.of("a 1.0.0", "a 2.0.0", "b 1.0.0", "b 2.0.0");
        ResolveRequest request = ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *; b *"))
                .withPreferred(Set.of(PackageId.of("a", "1.0.0"), PackageId.of("gone", "1.0.0")));
        Resolution.Solved s = assertInstanceOf(Resolution.Solved.class, resolve(index, request));
        assertEquals("a@1.0.0 b@2.0.0", describe(s));
        assertEquals(List.of(0L, 1L, 0L, 2L), s.objective());
    }

    @Test
    void aPreferredVersionOutsideTheRangeCountsAsOneChange() {
        TestIndex index = TestIndex.of("a 1.0.0", "a 2.0.0", "a 2.1.0");
        ResolveRequest request = ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a ^2"))
                .withPreferred(Set.of(PackageId.of("a", "1.0.0")));
        Resolution.Solved s = assertInstanceOf(Resolution.Solved.class, resolve(index, request));
        assertEquals("a@2.1.0", describe(s));
        assertEquals(1L, s.objective().get(0));
    }

    @Test
    void yankedVersionsAreChosenOnlyWhenPinned() {
        TestIndex index = TestIndex.of("a 1.0.0", "a 1.1.0 yanked");
        assertEquals("a@1.0.0", solve(index, "app 1.0.0 -> a ^1"));
        ResolveRequest pinned = ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a ^1"))
                .withPreferred(Set.of(PackageId.of("a", "1.1.0")));
        assertEquals("a@1.1.0", solve(index, pinned));
        TestIndex onlyYanked = TestIndex.of("a 1.1.0 yanked");
        assertEquals("unsatisfiable [a]", solve(onlyYanked, "app 1.0.0 -> a ^1"));
    }

    @Test
    void aMissingPackageOrNoMatchingVersionIsUnsatisfiable() {
        TestIndex index = TestIndex.of("a 1.0.0 -> ghost ^1", "b 1.0.0");
        assertEquals("unsatisfiable [a, ghost]", solve(index, "app 1.0.0 -> a *"));
        assertEquals("unsatisfiable [b]", solve(index, "app 1.0.0 -> b ^2"));
        assertEquals("unsatisfiable [nothing]", solve(index, "app 1.0.0 -> nothing *"));
    }

    /**
     * The fix search changes only the requirements the conflict names (alone, or one of a pair): a
     * change anywhere else leaves the conflict as it is. Relaxing {@code u ^1} would load u 2.0.0 and
     * what it needs; none of that is asked of the index, and the fixes are the two there are.
     */
    @Test
    void fixesChangeOnlyTheRequirementsTheConflictNames() {
        TestIndex index = TestIndex.of("a 1.0.0 -> log ^1", "b 1.0.0 -> log ^2", "log 1.0.0", "log 2.0.0",
                "u 1.0.0", "u 2.0.0 -> beyond ^1", "beyond 1.0.0");
        Resolution r = new Resolver(index).resolve(ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a ^1; b ^1; u ^1")));
        Explanation x = assertInstanceOf(Resolution.Unsatisfiable.class, r).explanation().orElseThrow();
        assertEquals(List.of("drop the dependency on `a`", "drop the dependency on `b`"),
                x.suggestions().stream().map(Explanation.Suggestion::change).toList());
        assertFalse(index.asked().contains(PackageName.of("beyond")), "u was relaxed: " + index.asked());
    }

    @Test
    void aMissingDependencyOfOneVersionFallsBackToAnother() {
        TestIndex index = TestIndex.of("a 1.0.0", "a 2.0.0 -> ghost ^1");
        assertEquals("a@1.0.0", solve(index, "app 1.0.0 -> a *"));
    }

    @Test
    void conflictingRequirementsNameThePackagesInvolved() {
        TestIndex index = TestIndex.of("a 1.0.0 -> c ^1", "b 1.0.0 -> c ^2", "c 1.0.0", "c 2.0.0", "d 1.0.0");
        assertEquals("unsatisfiable [a, b, c]", solve(index, "app 1.0.0 -> a *; b *; d *"));
    }

    @Test
    void semverMajorAllowsOneVersionPerCompatibilityClass() {
        TestIndex index = TestIndex.of("a 1.0.0 -> c ^1", "b 1.0.0 -> c ^2", "c 1.0.0", "c 1.1.0", "c 2.0.0",
                "z 0.1.0", "z 0.2.0", "y 1.0.0 -> z ^0.1", "w 1.0.0 -> z ^0.2");
        ResolveRequest request = ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *; b *; y *; w *"))
                .withPolicy(VersionPolicy.SEMVER_MAJOR);
        Resolution.Solved s = assertInstanceOf(Resolution.Solved.class, resolve(index, request));
        assertEquals("a@1.0.0 b@1.0.0 c@1.1.0 c@2.0.0 w@1.0.0 y@1.0.0 z@0.1.0 z@0.2.0", describe(s));
        assertTrue(s.optimal());
        Resolution.SelectedPackage a = s.packages().get(0);
        assertEquals(List.of(PackageId.of("c", "1.1.0")), a.dependencies());
        TestIndex sameClass = TestIndex.of("a 1.0.0 -> c ~1.0", "b 1.0.0 -> c ~1.1", "c 1.0.0", "c 1.1.0");
        ResolveRequest clash = ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *; b *"))
                .withPolicy(VersionPolicy.SEMVER_MAJOR);
        assertEquals("unsatisfiable [a, b, c]", solve(sameClass, clash));
    }

    @Test
    void aDependencyOnTheRootIsSatisfiedByTheRootItself() {
        TestIndex index = TestIndex.of("a 1.0.0 -> app ^1", "a 2.0.0 -> app ^2", "app 2.0.0");
        Resolution.Solved s = assertInstanceOf(Resolution.Solved.class,
                resolve(index, ResolveRequest.of(TestIndex.manifest("app 1.5.0 -> a *"))));
        assertEquals("a@1.0.0", describe(s));
        assertEquals(List.of(PackageId.of("app", "1.5.0")), s.packages().get(0).dependencies());
    }

    @Test
    void aRootRequirementOnItselfOutsideItsOwnVersionIsUnsatisfiable() {
        TestIndex index = TestIndex.of("app 2.0.0", "a 1.0.0");
        assertEquals("unsatisfiable [app]", solve(index, "app 1.0.0 -> app ^2; a *"));
        assertEquals("a@1.0.0", solve(index, "app 1.0.0 -> app ^1; a *"));
    }

    @Test
    void aSelfDependencyHoldsWhenItsRangeContainsTheVersion() {
        TestIndex index = TestIndex.of("a 1.0.0 -> a ^1", "a 2.0.0 -> a ^1");
        assertEquals("a@1.0.0", solve(index, "app 1.0.0 -> a *"));
    }

    @Test
    void prereleasesRankBelowReleasesUnlessAllowed() {
        TestIndex index = TestIndex.of("a 1.0.0", "a 2.0.0-beta.1");
        ResolveRequest request = ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a 1.0.0 || 2.0.0-beta.1"));
        assertEquals("a@1.0.0", solve(index, request));
        assertEquals("a@2.0.0-beta.1", solve(index, request.withAllowPrereleases(true)));
    }

    @Test
    void onlyWhatTheRootReachesIsLoadedAndUnreachableVersionsArePruned() {
        // c's candidates are 1.0.0 and 1.1.0 (a 2.0.0's range) and 2.0.0 (the root's); the one of rank 0,
        // 2.0.0, is not in a's range, so neither shortcut applies: the full resolution loads what the
        // root reaches, and of a only what the root's range admits.
        TestIndex index = TestIndex.of("a 1.0.0 -> b ^1", "a 2.0.0 -> c ^1", "b 1.0.0", "c 1.0.0", "c 1.1.0",
                "c 2.0.0", "c 3.0.0", "d 1.0.0", "e 1.0.0");
        Resolution r = new Resolver(index).resolve(
                ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a ^2; c 1.0.0 || 2.0.0")));
        assertEquals("a@2.0.0 c@1.0.0", describe(r));
        assertEquals(Set.of(PackageName.of("a"), PackageName.of("c")), index.asked());
        assertEquals(2, r.statistics().packagesLoaded());
        assertEquals(4, r.statistics().variables());
    }

    @Test
    void theCandidatesOfRankZeroMeetingEveryRequirementAreTheAnswerWithoutAnEncoding() {
        // b 2.0.0 is no candidate (no range admits it), so b 1.1.0 ranks 0: the walk among the loaded
        // candidates proves the answer, though the walk among the newest releases stopped at b ^1.
        TestIndex index = TestIndex.of("a 1.0.0 -> b ^1", "a 2.0.0 -> b ^1", "b 1.0.0", "b 1.1.0", "b 2.0.0");
        ResolveRequest request = ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *"));
        Resolution.Solved s = assertInstanceOf(Resolution.Solved.class, new Resolver(index).resolve(request));
        assertEquals("a@2.0.0 b@1.1.0", describe(s));
        assertEquals(List.of(0L, 0L, 0L, 2L), s.objective());
        assertEquals(new Statistics(2, 0, 0, 0, s.statistics().load(), java.time.Duration.ZERO,
                s.statistics().solve()), s.statistics());
        assertEquals(s.packages(), assertInstanceOf(Resolution.Solved.class, resolve(index, request)).packages());
    }

    @Test
    void theNewestReleasesMeetingEveryRequirementAreTheAnswerWithoutLoadingTheRest() {
        TestIndex index = TestIndex.of("a 1.0.0 -> b ^1", "a 2.0.0 -> c ^1", "b 1.0.0", "c 1.0.0", "c 1.1.0",
                "d 1.0.0");
        ResolveRequest request = ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *"));
        Resolution.Solved s = assertInstanceOf(Resolution.Solved.class, new Resolver(index).resolve(request));
        assertEquals("a@2.0.0 c@1.1.0", describe(s));
        assertEquals(List.of(0L, 0L, 0L, 2L), s.objective());
        assertTrue(s.optimal());
        // b, which only a 1.0.0 needs, is never asked for; no variable, no constraint, no solver call.
        assertEquals(Set.of(PackageName.of("a"), PackageName.of("c")), index.asked());
        assertEquals(new Statistics(2, 0, 0, 0, s.statistics().load(), java.time.Duration.ZERO,
                java.time.Duration.ZERO), s.statistics());
        // The full loop proves the same answer, with the same bindings.
        assertEquals(s.packages(), assertInstanceOf(Resolution.Solved.class, resolve(index, request)).packages());
    }

    @Test
    void reportsWhatEachDependencyResolvedTo() {
        TestIndex index = TestIndex.of("a 1.0.0 -> b ^1; c *", "b 1.0.0", "b 1.3.0", "c 0.5.0");
        Resolution.Solved s = assertInstanceOf(Resolution.Solved.class,
                resolve(index, ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *"))));
        Resolution.SelectedPackage a = s.packages().get(0);
        assertTrue(a.direct());
        assertEquals(List.of(PackageId.of("b", "1.3.0"), PackageId.of("c", "0.5.0")), a.dependencies());
        assertTrue(!s.packages().get(1).direct());
    }

    @Test
    void aHardProblemStillReachesTheProvenOptimum() {
        // The greedy first guess (newest a) fails; the solver must backtrack through several versions.
        TestIndex index = TestIndex.of("a 1.0.0 -> b ^1", "a 2.0.0 -> b ^2", "a 3.0.0 -> b ^3",
                "b 1.0.0 -> c ^1", "b 2.0.0 -> c ^2", "b 3.0.0 -> c ^3", "c 1.0.0", "c 2.0.0", "c 3.0.0",
                "d 1.0.0 -> c ^1 || ^2", "d 2.0.0 -> c ^1");
        Resolution.Solved s = assertInstanceOf(Resolution.Solved.class,
                resolve(index, ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *; d *"))));
        assertEquals("a@2.0.0 b@2.0.0 c@2.0.0 d@1.0.0", describe(s));
        assertTrue(s.optimal());
        assertEquals(List.of(0L, 2L, 2L, 4L), s.objective());
    }
}
