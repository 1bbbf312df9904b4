package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.TestIndex;
import io.cocoatly.testkit.CountingIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link NewestSelection}: where it answers, its answer is the full resolution's, bindings included;
 * where a newest release is left out, it stops.
 */
class NewestSelectionTest {

    /**
     * Random registries with requirements on missing packages, on the root and on the package itself,
     * yanked versions and prereleases, both policies: wherever either walk answers (among every release,
     * or among the candidates of the universe loaded for the root), the full resolution without them
     * (the unguided loop, which takes neither) proves the same selection, bindings included, optimal.
     * The walks must answer often enough for that to say something, the one among the candidates
     * more often than the other.
     */
    @Test
    void whereverEitherWalkAnswersTheFullResolutionAgrees() {
        int newestAnswered = 0;
        int rankedAnswered = 0;
        int stopped = 0;
        for (long seed = 0; seed < 3_000; seed++) {
            VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
            RandomCase c = RandomCase.generate(seed, 6, policy);
            if (!c.request().preferred().isEmpty()) {
                continue;
            }
            Manifest root = c.request().root();
            boolean allowPrereleases = c.request().allowPrereleases();
            Optional<NewestSelection.Found> newest = NewestSelection.find(c.index(), root, allowPrereleases, new Matches());
            Universe universe = Universe.forRoot(c.index(), root.name(), root.dependencies(),
                    Preferences.of(List.of(), policy));
            Optional<NewestSelection.Found> ranked = NewestSelection.find(universe, root, allowPrereleases);
            newestAnswered += newest.isPresent() ? 1 : 0;
            rankedAnswered += ranked.isPresent() ? 1 : 0;
            stopped += ranked.isPresent() ? 0 : 1;
            if (newest.isEmpty() && ranked.isEmpty()) {
                continue;
            }
            long s = seed;
            Resolution.Solved full = assertInstanceOf(Resolution.Solved.class, Resolve.run(c.index(), c.request(), false),
                    () -> "seed " + s);
            assertTrue(full.optimal());
            for (Optional<NewestSelection.Found> found : List.of(newest, ranked)) {
                found.ifPresent(f -> {
                    assertEquals(full.packages(), f.packages(), () -> "seed " + s);
                    assertEquals(full.objective(), f.objective(), () -> "seed " + s);
                });
            }
        }
        assertTrue(newestAnswered >= 300 && rankedAnswered > newestAnswered && stopped >= 300,
                "answered among every release " + newestAnswered + ", among the candidates " + rankedAnswered
                        + ", stopped " + stopped);
    }

    /**
     * What one walk notes for the next (the releases that lead to a requirement leaving out a newest
     * release) changes no answer: on random registries, a walk from each package's newest release as
     * the root's one requirement, in turn with one resolver's notes, answers as a walk that knows
     * nothing.
     */
    @Test
    void whatAWalkNotesForTheNextChangesNoAnswer() {
        int answered = 0;
        int stopped = 0;
        for (long seed = 0; seed < 600; seed++) {
            RandomCase c = RandomCase.generate(seed, 8, VersionPolicy.ONE_PER_PACKAGE);
            PackageIndex index = cached(c.index());
            Matches shared = new Matches();
            for (boolean allowPrereleases : new boolean[] {false, true}) {
                for (PackageName name : c.registry().keySet()) {
                    Manifest root = root(name.value() + " *");
                    Optional<NewestSelection.Found> noted = NewestSelection.find(index, root, allowPrereleases, shared);
                    Optional<NewestSelection.Found> fresh =
                            NewestSelection.find(index, root, allowPrereleases, new Matches());
                    assertEquals(fresh.map(NewestSelection.Found::packages), noted.map(NewestSelection.Found::packages),
                            "seed " + seed + ", root on " + name);
                    answered += fresh.isPresent() ? 1 : 0;
                    stopped += fresh.isPresent() ? 0 : 1;
                }
            }
        }
        assertTrue(answered >= 300 && stopped >= 300, "answered " + answered + ", stopped " + stopped);
    }

    @Test
    void aWalkStopsAtOnceWhereAnEarlierOneFoundAStaleRequirementButNotForOneOnTheRoot() {
        CountingIndex index = new CountingIndex(cached(TestIndex.of("a 1.0.0 -> b ^1", "b 1.0.0 -> c ^1", "c 1.0.0",
                "c 2.0.0", "d 1.0.0 -> app ^2")));
        Matches matches = new Matches();
        assertTrue(NewestSelection.find(index, root("a *"), false, matches).isEmpty());
        assertEquals(3, index.reads());
        // b 1.0.0 was on the way to c ^1: a walk that meets it stops there.
        assertTrue(NewestSelection.find(index, root("b *"), false, matches).isEmpty());
        assertEquals(4, index.reads());
        // d 1.0.0 fails for a root app 1.0.0 only: for app 2.0.0 it is the answer.
        assertTrue(NewestSelection.find(index, root("d *"), false, matches).isEmpty());
        Manifest app2 = new Manifest(PackageName.of("app"), Version.parse("2.0.0"), root("d *").dependencies());
        assertEquals(List.of(PackageId.of("d", "1.0.0")), NewestSelection.find(index, app2, false, matches)
                .orElseThrow().packages().stream().map(Resolution.SelectedPackage::id).toList());
    }

    /** {@code index} answering each name with the same listing each time, as real indexes do. */
    private static PackageIndex cached(PackageIndex index) {
        java.util.Map<PackageName, Optional<io.cocoatly.model.PackageListing>> answers = new java.util.HashMap<>();
        return new PackageIndex() {
            @Override
            public String name() {
                return index.name();
            }

            @Override
            public Optional<io.cocoatly.model.PackageListing> find(PackageName name) {
                return answers.computeIfAbsent(name, index::find);
            }
        };
    }


    @Test
    void takesTheNewestReleaseThatMaySatisfyARequirement() {
        TestIndex index = TestIndex.of("a 1.0.0", "a 1.1.0 yanked", "a 2.0.0-beta.1", "b 0.9.0", "b 1.0.0-rc.1");
        assertEquals("a@1.0.0 b@0.9.0", answer(index, "a *; b *", false));
        // Prereleases rank first once allowed, where the range contains them.
        assertEquals("a@2.0.0-beta.1 b@1.0.0-rc.1",
                answer(index, "a 1.0.0 || 2.0.0-beta.1; b 0.9.0 || 1.0.0-rc.1", true));
        // Only prereleases left: the newest of them ranks first.
        assertEquals("c@2.0.0-rc.2", answer(TestIndex.of("c 2.0.0-rc.1", "c 2.0.0-rc.2"), "c 2.0.0-rc.1 || 2.0.0-rc.2", false));
    }

    @Test
    void stopsWhereARequirementLeavesOutTheNewestRelease() {
        TestIndex index = TestIndex.of("a 1.0.0 -> b ^1", "b 1.0.0", "b 2.0.0", "c 1.0.0 -> c ^2", "d 1.0.0 -> app ^2");
        assertEquals("none", answer(index, "a *", false));
        // Onto its own package or the root, a requirement must hold that version.
        assertEquals("none", answer(index, "c *", false));
        assertEquals("none", answer(index, "d *", false));
        // A missing package, or one with every release yanked.
        assertEquals("none", answer(index, "e *", false));
        assertEquals("none", answer(TestIndex.of("f 1.0.0 yanked"), "f *", false));
    }

    @Test
    void bindsRequirementsOnTheRootAndOnItselfToThoseVersions() {
        TestIndex index = TestIndex.of("a 1.0.0 -> app ^1; a ^1; b *", "b 1.0.0", "b 1.1.0");
        NewestSelection.Found found = NewestSelection.find(index, root("a ^1"), false, new Matches()).orElseThrow();
        Resolution.SelectedPackage a = found.packages().get(0);
        assertTrue(a.direct());
        assertEquals(List.of(PackageId.of("a", "1.0.0"), PackageId.of("app", "1.0.0"), PackageId.of("b", "1.1.0")),
                a.dependencies());
        assertTrue(!found.packages().get(1).direct());
        assertEquals(List.of(0L, 0L, 0L, 2L), found.objective());
        assertEquals(2, found.packagesLooked());
    }

    private static String answer(PackageIndex index, String requirements, boolean allowPrereleases) {
        return NewestSelection.find(index, root(requirements), allowPrereleases, new Matches())
                .map(f -> f.packages().stream().map(p -> p.id().toString()).collect(Collectors.joining(" ")))
                .orElse("none");
    }

    private static Manifest root(String requirements) {
        List<Dependency> dependencies = new ArrayList<>();
        for (String d : requirements.split(";")) {
            String[] parts = d.trim().split(" ", 2);
            dependencies.add(Dependency.parse(parts[0], parts[1]));
        }
        return new Manifest(PackageName.of("app"), Version.parse("1.0.0"), dependencies);
    }
}
