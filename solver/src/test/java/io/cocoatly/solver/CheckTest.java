package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.VersionPolicy;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CheckTest {

    private static String check(VersionPolicy policy, String... registry) {
        TestIndex index = TestIndex.of(registry);
        CheckReport report = new Resolver(index).check(index.releases().keySet(), policy);
        return report.results().stream()
                .map(r -> r.id() + (r.installable() ? " ok" : " NO: " + r.reason().orElseThrow()))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void withoutReasonsGivesTheSameVerdictsAndNoReason() {
        TestIndex index = TestIndex.of("a 1.0.0 -> ghost ^1", "a 2.0.0 -> b ^1; c ^1", "b 1.0.0 -> d ^1",
                "c 1.0.0 -> d ^2", "d 1.0.0", "d 2.0.0", "e 1.0.0 -> a ^2");
        for (VersionPolicy policy : VersionPolicy.values()) {
            CheckReport with = new Resolver(index).check(index.releases().keySet(), policy, true);
            CheckReport without = new Resolver(index).check(index.releases().keySet(), policy, false);
            assertEquals(with.results().stream().map(r -> r.id() + " " + r.installable()).toList(),
                    without.results().stream().map(r -> r.id() + " " + r.installable()).toList());
            assertTrue(with.results().stream().allMatch(r -> r.installable() == r.reason().isEmpty()));
            assertTrue(without.results().stream().allMatch(r -> r.reason().isEmpty()));
            assertTrue(with.uninstallable() > 0);
        }
    }

    @Test
    void givesTheDirectCauseOfAMissingOrUnmatchedDependency() {
        assertEquals(String.join("\n",
                "a@1.0.0 NO: depends on `ghost ^1`, but `ghost` does not exist in registry `test`",
                "a@2.0.0 NO: depends on `b ^3`, but no version of `b` matches",
                "b@1.0.0 ok"),
                check(VersionPolicy.ONE_PER_PACKAGE, "a 1.0.0 -> ghost ^1", "a 2.0.0 -> b ^3", "b 1.0.0"));
    }

    @Test
    void namesTheDependenciesThatCannotBeSatisfiedTogether() {
        assertEquals(String.join("\n",
                "a@1.0.0 NO: dependencies `b ^1`, `c ^1` cannot be satisfied together",
                "b@1.0.0 ok", "c@1.0.0 ok", "d@1.0.0 ok", "d@2.0.0 ok"),
                check(VersionPolicy.ONE_PER_PACKAGE, "a 1.0.0 -> b ^1; c ^1", "b 1.0.0 -> d ^1", "c 1.0.0 -> d ^2",
                        "d 1.0.0", "d 2.0.0"));
    }

    @Test
    void anUninstallableDependencyMakesItsDependentsUninstallable() {
        assertEquals(String.join("\n",
                "a@1.0.0 NO: no installable version of `b` matches `^1`",
                "b@1.0.0 NO: dependencies `c ^1`, `d ^1` cannot be satisfied together",
                "c@1.0.0 ok", "d@1.0.0 ok", "e@1.0.0 ok", "e@2.0.0 ok"),
                check(VersionPolicy.ONE_PER_PACKAGE, "a 1.0.0 -> b ^1", "b 1.0.0 -> c ^1; d ^1", "c 1.0.0 -> e ^1",
                        "d 1.0.0 -> e ^2", "e 1.0.0", "e 2.0.0"));
    }

    @Test
    void yankedVersionsAreCheckedAsIfPinnedButSatisfyNoOne() {
        assertEquals(String.join("\n",
                "a@1.0.0 NO: depends on `b ^1`, but no version of `b` matches (yanked: 1.0.0)",
                "b@1.0.0 ok"),
                check(VersionPolicy.ONE_PER_PACKAGE, "a 1.0.0 -> b ^1", "b 1.0.0 yanked"));
    }

    @Test
    void semverMajorLetsADependencyUseAnotherClass() {
        List<String> registry = List.of("a 1.0.0 -> b ^1; c ^1", "b 1.0.0 -> d ^1", "c 1.0.0 -> d ^2", "d 1.0.0",
                "d 2.0.0");
        assertEquals(String.join("\n", "a@1.0.0 ok", "b@1.0.0 ok", "c@1.0.0 ok", "d@1.0.0 ok", "d@2.0.0 ok"),
                check(VersionPolicy.SEMVER_MAJOR, registry.toArray(new String[0])));
    }

    @Test
    void aRootsOwnPackageHasNoSecondVersionEvenUnderSemverMajor() {
        // As a root, d@1.0.0 must satisfy c's edge back to d itself; it does not, so neither works.
        assertEquals(String.join("\n", "c@1.0.0 ok", "d@1.0.0 NO: dependency `c ^1` cannot be satisfied",
                "d@2.0.0 ok"),
                check(VersionPolicy.SEMVER_MAJOR, "c 1.0.0 -> d ^2", "d 1.0.0 -> c ^1", "d 2.0.0"));
    }

    @Test
    void findsTheSolutionAGreedyWalkMisses() {
        // From a@1.0.0 the newest matches b@1.1.0 and c@1.1.0 clash (b@1.1.0 needs c <1.1.0); only a
        // search finds a@1.0.0, b@1.1.0, c@1.0.0.
        String[] registry = {"a 1.0.0 -> b ^1; c ^1", "b 1.0.0", "b 1.1.0 -> c <1.1.0", "c 1.0.0", "c 1.1.0"};
        assertEquals(String.join("\n", "a@1.0.0 ok", "b@1.0.0 ok", "b@1.1.0 ok", "c@1.0.0 ok", "c@1.1.0 ok"),
                check(VersionPolicy.ONE_PER_PACKAGE, registry));
        TestIndex index = TestIndex.of(registry);
        assertTrue(new Resolver(index).check(index.releases().keySet(), VersionPolicy.ONE_PER_PACKAGE)
                .solverCalls() > 0, "the greedy walk alone cannot settle a@1.0.0");
    }

    @Test
    void aVersionNoModelSelectsStaysExcludedForPackagesCheckedLater() {
        // b@1.0.0 needs e@1.0.0 through c and e@1.1.0 through d, one class: no model selects it,
        // whoever the root is. a, checked after b in a solver for its own closure, must not pick it.
        assertEquals(String.join("\n",
                "a@1.0.0 NO: no installable version of `b` matches `^1`",
                "b@1.0.0 NO: dependencies `c ^1`, `d ^1` cannot be satisfied together",
                "c@1.0.0 ok", "d@1.0.0 ok", "e@1.0.0 ok", "e@1.1.0 ok", "f@1.0.0 ok"),
                check(VersionPolicy.SEMVER_MAJOR, "a 1.0.0 -> b ^1", "b 1.0.0 -> c ^1; d ^1", "c 1.0.0 -> e =1.0.0",
                        "d 1.0.0 -> e =1.1.0", "e 1.0.0", "e 1.1.0", "f 1.0.0 -> e *"));
    }
}
