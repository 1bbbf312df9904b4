package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.internal.Resolve;
import io.cocoatly.testkit.InMemoryIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Random small registries, answers checked by {@link BruteForce} and by metamorphic relations. */
class ResolverPropertyTest {

    private static Resolution resolve(RandomCase c) {
        return new Resolver(c.index()).resolve(c.request());
    }

    @Property(tries = 400)
    void oneVersionPerPackageAgreesWithExhaustiveSearch(@ForAll long seed) {
        agreesWithExhaustiveSearch(RandomCase.generate(seed, 6, VersionPolicy.ONE_PER_PACKAGE));
    }

    @Property(tries = 250)
    void semverMajorAgreesWithExhaustiveSearch(@ForAll long seed) {
        agreesWithExhaustiveSearch(RandomCase.generate(seed, 4, VersionPolicy.SEMVER_MAJOR));
    }

    private static void agreesWithExhaustiveSearch(RandomCase c) {
        BruteForce oracle = new BruteForce(c.registry(), c.request());
        List<Long> optimum = oracle.optimum();
        agrees(oracle, optimum, resolve(c));
        // Without the greedy first guess the loop has to improve step by step, level by level.
        agrees(oracle, optimum, Resolve.run(c.index(), c.request(), false));
    }

    private static void agrees(BruteForce oracle, List<Long> optimum, Resolution r) {
        if (optimum == null) {
            assertTrue(r instanceof Resolution.Unsatisfiable, () -> "expected no solution, got " + r);
            return;
        }
        assertTrue(r instanceof Resolution.Solved, () -> "expected a solution with " + optimum + ", got " + r);
        Resolution.Solved s = (Resolution.Solved) r;
        List<PackageId> selected = s.packages().stream().map(Resolution.SelectedPackage::id).toList();
        assertNull(oracle.violation(selected), () -> "invalid selection " + selected);
        assertEquals(oracle.objective(selected), s.objective());
        assertEquals(optimum, s.objective());
        assertTrue(s.optimal());
    }

    /** Registries too big for exhaustive search: the shortcuts must agree with the plain loop. */
    @Property(tries = 100)
    void largerRegistriesAgreeWithTheUnguidedLoop(@ForAll long seed) {
        VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
        RandomCase c = RandomCase.generate(seed, 14, policy);
        BruteForce checker = new BruteForce(c.registry(), c.request());
        Resolution guided = resolve(c);
        Resolution plain = Resolve.run(c.index(), c.request(), false);
        assertEquals(guided instanceof Resolution.Solved, plain instanceof Resolution.Solved);
        if (guided instanceof Resolution.Solved s) {
            List<PackageId> selected = s.packages().stream().map(Resolution.SelectedPackage::id).toList();
            assertNull(checker.violation(selected), () -> "invalid selection " + selected);
            assertEquals(checker.objective(selected), s.objective());
            assertEquals(((Resolution.Solved) plain).objective(), s.objective());
            assertTrue(s.optimal());
        }
    }

    @Property(tries = 150)
    void reorderingOrRenamingChangesNothing(@ForAll long seed) {
        RandomCase c = RandomCase.generate(seed, 6, seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE
                : VersionPolicy.SEMVER_MAJOR);
        String expected = ResolverTest.describe(resolve(c));
        assertEquals(expected, ResolverTest.describe(resolve(c.reordered(seed))));
        String renamed = ResolverTest.describe(resolve(c.renamed(n -> "x-" + n)));
        assertEquals(expected, renamed.replace("x-", ""));
    }

    @Property(tries = 150)
    void anUnrelatedPackageChangesNothing(@ForAll long seed) {
        RandomCase c = RandomCase.generate(seed, 6, VersionPolicy.ONE_PER_PACKAGE);
        Map<PackageName, List<Release>> bigger = new TreeMap<>(c.registry());
        bigger.put(PackageName.of("unrelated"), List.of(TestIndex.release("unrelated 1.0.0 -> a *"),
                TestIndex.release("unrelated 2.0.0 -> missing ^1")));
        Resolution before = resolve(c);
        Resolution after = new Resolver(new TestIndex(bigger)).resolve(c.request());
        assertEquals(ResolverTest.describe(before), ResolverTest.describe(after));
        if (before instanceof Resolution.Solved s) {
            assertEquals(s.objective(), ((Resolution.Solved) after).objective());
        }
    }

    @Property(tries = 200)
    void checkAgreesWithResolvingEachVersionAsARoot(@ForAll long seed) {
        VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
        RandomCase c = RandomCase.generate(seed, 6, policy);
        PackageIndex index = c.index();
        CheckReport report = new Resolver(index).check(c.registry().keySet(), policy);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (VersionCheck v : report.results()) {
            actual.add(v.id() + " " + v.installable());
            assertEquals(v.installable(), v.reason().isEmpty(), () -> v.toString());
        }
        for (List<Release> releases : c.registry().values()) {
            releases.stream().sorted((a, b) -> a.version().compareTo(b.version())).forEach(r -> {
                Manifest root = new Manifest(r.name(), r.version(), r.dependencies());
                Resolution res = new Resolver(index).resolve(
                        new ResolveRequest(root, Set.of(), policy, false, Optional.empty()));
                expected.add(r.id() + " " + (res instanceof Resolution.Solved));
            });
        }
        assertEquals(expected, actual);
        assertNotNull(report.time());
    }

    @Property(tries = 100)
    void checkingOnePackageAtATimeGivesTheSameVerdicts(@ForAll long seed) {
        // Each package alone is checked in other solvers (its closure only, one root marker) than
        // all together; the verdicts may not depend on that.
        VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
        RandomCase c = RandomCase.generate(seed, 8, policy);
        Resolver resolver = new Resolver(c.index());
        List<String> together = new ArrayList<>();
        for (VersionCheck v : resolver.check(c.registry().keySet(), policy).results()) {
            together.add(v.id() + " " + v.installable());
        }
        List<String> alone = new ArrayList<>();
        for (PackageName name : c.registry().keySet()) {
            for (VersionCheck v : resolver.check(List.of(name), policy).results()) {
                alone.add(v.id() + " " + v.installable());
            }
        }
        assertEquals(together, alone);
    }

    /**
     * A resolver keeps what it learnt of a listing across roots (the matches of each range, and which
     * versions repeat another's dependencies, whose edges are then followed and encoded once) while the
     * index hands out the same listing. Random cases where versions often copy their package's first
     * version's dependencies, through an index that keeps its listings as the registries do: one
     * resolver reused over a root per package and version agrees with exhaustive search on each, and
     * again after the index hands out new listings with every version's dependencies its own.
     */
    @Property(tries = 150)
    void aResolverReusedAcrossRootsAgreesWithExhaustiveSearch(@ForAll long seed) {
        VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
        RandomCase original = RandomCase.generate(seed, 5, policy);
        java.util.Random random = new java.util.Random(seed);
        Map<PackageName, List<Release>> repeated = new TreeMap<>();
        original.registry().forEach((name, releases) -> {
            List<Release> copies = new ArrayList<>();
            for (Release r : releases) {
                // A copy of the first version's list, equal but not the same object, as a parser makes.
                List<Dependency> deps = random.nextInt(3) > 0 ? new ArrayList<>(releases.get(0).dependencies())
                        : r.dependencies();
                copies.add(new Release(r.id(), deps, r.yanked(), r.artifact()));
            }
            repeated.put(name, copies);
        });
        SwitchedIndex index = new SwitchedIndex(repeated);
        Resolver reused = new Resolver(index);
        agreesOnEveryRoot(repeated, original.request(), reused, policy);
        index.switchTo(original.registry());
        agreesOnEveryRoot(original.registry(), original.request(), reused, policy);
    }

    /** {@code resolver} on the case's root and on one root per version of {@code registry}, each checked. */
    private static void agreesOnEveryRoot(Map<PackageName, List<Release>> registry, ResolveRequest request,
                                          Resolver resolver, VersionPolicy policy) {
        List<ResolveRequest> requests = new ArrayList<>(List.of(request));
        registry.forEach((name, releases) -> releases.forEach(r -> requests.add(new ResolveRequest(
                new Manifest(PackageName.of("app"), io.cocoatly.model.Version.parse("1.0.0"),
                        List.of(Dependency.parse(name.value(), "=" + r.version()))),
                Set.of(), policy, false, Optional.empty()))));
        for (ResolveRequest q : requests) {
            BruteForce oracle = new BruteForce(registry, q);
            agrees(oracle, oracle.optimum(), resolver.resolve(q));
        }
    }

    /**
     * Hands out the listings of an {@link InMemoryIndex} (one object per package, as a registry's index
     * does) until {@link #switchTo} puts another in its place under the same resolver.
     */
    private static final class SwitchedIndex implements PackageIndex {
        private PackageIndex current;

        SwitchedIndex(Map<PackageName, List<Release>> registry) {
            switchTo(registry);
        }

        /** From now on, the listings of {@code registry}: new objects, whatever their contents. */
        void switchTo(Map<PackageName, List<Release>> registry) {
            current = new InMemoryIndex("switched", registry.values().stream().flatMap(List::stream).toList());
        }

        @Override
        public String name() {
            return current.name();
        }

        @Override
        public Optional<PackageListing> find(PackageName name) {
            return current.find(name);
        }
    }
}
