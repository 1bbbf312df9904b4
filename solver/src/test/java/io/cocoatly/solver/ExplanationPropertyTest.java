package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.Explanation.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * On random small registries: the reported conflict is unsatisfiable and every proper subset of it is
 * satisfiable (checked by {@link FactChecker}, which reads the facts without the encoder); every
 * suggested fix, applied to the manifest, resolves to exactly the selection it promises; every why-not
 * holds when re-checked.
 */
class ExplanationPropertyTest {

    private static RandomCase unpinned(long seed) {
        RandomCase c = RandomCase.generate(seed, 5, VersionPolicy.ONE_PER_PACKAGE);
        return new RandomCase(c.registry(), c.request().withPreferred(Set.of()));
    }

    @Property(tries = 400)
    void theConflictIsMinimal(@ForAll long seed) {
        RandomCase c = unpinned(seed);
        Resolution r = new Resolver(c.index()).resolve(c.request());
        Assume.that(r instanceof Resolution.Unsatisfiable);
        List<Fact> facts = ((Resolution.Unsatisfiable) r).explanation().orElseThrow().facts();
        FactChecker checker = new FactChecker(c.registry(), c.request().root());
        assertFalse(checker.satisfiable(facts), () -> "not a conflict: " + facts);
        for (int i = 0; i < facts.size(); i++) {
            List<Fact> rest = new ArrayList<>(facts);
            Fact dropped = rest.remove(i);
            assertTrue(checker.satisfiable(rest), () -> "not minimal, " + dropped + " is not needed: " + facts);
        }
    }

    /**
     * The simplified facts stay true of the registry: every version a dependency or self-conflict fact
     * speaks of declares a requirement on the target inside the fact's range (a merged fact states the
     * union, so each version's own range must lie inside it).
     */
    @Property(tries = 400)
    void everyRequirementFactHoldsInTheRegistry(@ForAll long seed) {
        RandomCase c = unpinned(seed);
        Resolution r = new Resolver(c.index()).resolve(c.request());
        Assume.that(r instanceof Resolution.Unsatisfiable);
        for (Fact f : ((Resolution.Unsatisfiable) r).explanation().orElseThrow().facts()) {
            if (f.kind() != Explanation.Kind.DEPENDENCY && f.kind() != Explanation.Kind.SELF_CONFLICT) {
                continue;
            }
            Dependency said = f.dependency().orElseThrow();
            for (io.cocoatly.model.Release release : c.registry().getOrDefault(f.pkg(), List.of())) {
                if (!f.versions().contains(release.version())) {
                    continue;
                }
                assertTrue(release.dependencies().stream().anyMatch(d -> d.name().equals(said.name())
                        && d.range().isSubsetOf(said.range())), () -> release.id() + " does not require " + said
                        + ", as " + f + " says");
            }
        }
    }

    @Property(tries = 300)
    void everySuggestionResolvesAsPromised(@ForAll long seed) {
        RandomCase c = unpinned(seed);
        Resolver resolver = new Resolver(c.index());
        Resolution r = resolver.resolve(c.request());
        Assume.that(r instanceof Resolution.Unsatisfiable);
        Explanation x = ((Resolution.Unsatisfiable) r).explanation().orElseThrow();
        assertTrue(x.suggestions().size() <= 5);
        for (Explanation.Suggestion s : x.suggestions()) {
            Manifest root = c.request().root();
            List<Dependency> deps = new ArrayList<>(root.dependencies());
            for (int i = 0; i < s.dependencies().size(); i++) {
                deps.remove(s.dependencies().get(i));
                s.replacements().get(i).ifPresent(deps::add);
            }
            ResolveRequest fixed = new ResolveRequest(new Manifest(root.name(), root.version(), deps),
                    c.request().preferred(), c.request().policy(), c.request().allowPrereleases(), Optional.empty());
            Resolution after = resolver.resolve(fixed);
            Resolution.Solved solved = assertInstanceOf(Resolution.Solved.class, after, s.change());
            assertEquals(s.result(), solved.packages().stream().map(Resolution.SelectedPackage::id).toList());
        }
    }

    @Property(tries = 200)
    void everyWhyNotHolds(@ForAll long seed) {
        RandomCase c = unpinned(seed);
        Resolver resolver = new Resolver(c.index());
        Resolution r = resolver.resolve(c.request());
        Assume.that(r instanceof Resolution.Solved);
        Resolution.Solved solved = (Resolution.Solved) r;
        SelectionExplanation why = resolver.explain(c.request(), solved);
        for (SelectionExplanation.Selected s : why.packages()) {
            assertFalse(s.paths().isEmpty(), () -> s.id() + " has no path from the root");
            if (s.whyNot().isEmpty()) {
                continue;
            }
            SelectionExplanation.WhyNot w = s.whyNot().get();
            assertTrue(w.newer().compareTo(s.id().version()) > 0);
            PackageId newer = new PackageId(s.id().name(), w.newer());
            if (w.kind() == SelectionExplanation.WhyNotKind.CONFLICT) {
                List<Fact> facts = w.conflict().orElseThrow().facts();
                assertFalse(new FactChecker(c.registry(), forced(c.request().root(), newer)).satisfiable(facts),
                        () -> "claimed conflict is satisfiable: " + facts);
            } else if (w.kind() == SelectionExplanation.WhyNotKind.TRADE_OFF) {
                assertTrue(w.forced().contains(newer), () -> w.forced() + " lacks " + newer);
                BruteForce oracle = new BruteForce(c.registry(), c.request());
                assertEquals(null, oracle.violation(w.forced()), () -> "forced selection is not valid: " + w.forced());
                List<Long> forcedCost = oracle.objective(w.forced());
                int level = firstDifference(solved.objective(), forcedCost);
                if (level < 0) {
                    assertEquals("tie", w.level());
                } else {
                    assertTrue(forcedCost.get(level) > solved.objective().get(level), "forced is better at " + level);
                    assertEquals(List.of("preferred-changes", "direct-rank", "transitive-rank", "packages").get(level),
                            w.level());
                }
            }
        }
    }

    private static Manifest forced(Manifest root, PackageId newer) {
        List<Dependency> deps = new ArrayList<>(root.dependencies());
        deps.add(Dependency.parse(newer.name().value(), "=" + newer.version()));
        return new Manifest(root.name(), root.version(), deps);
    }

    private static int firstDifference(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
