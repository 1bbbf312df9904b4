package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.testkit.Scenario;
import io.cocoatly.testkit.ScenarioReader;
import io.cocoatly.testkit.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario under {@code testdata/scenarios} through the {@link Resolver} and compares the
 * outcome with the one the file expects; solutions are also checked by {@link ScenarioChecker}, which
 * knows nothing of the solver. Format and semantics: {@code docs/scenarios.md}.
 */
class ScenarioTest {

    /** Read once, on first use, so that a malformed file fails a test with its message instead of class loading. */
    private static List<Scenario> scenarios;

    private static synchronized List<Scenario> scenarios() {
        if (scenarios == null) {
            // A workspace's scenarios need the project module, which resolves them (WorkspaceScenarioTest).
            scenarios = ScenarioReader.readAll(directory()).stream().filter(s -> !s.isWorkspace()).toList();
        }
        return scenarios;
    }

    /** The repository's scenario directory. */
    static Path directory() {
        return TestData.scenarios();
    }

    /** The request a scenario's options describe. */
    static ResolveRequest request(Scenario s) {
        ResolveRequest request = ResolveRequest.of(s.root())
                .withPreferred(s.options().preferred())
                .withPolicy(s.options().semverMajor() ? VersionPolicy.SEMVER_MAJOR : VersionPolicy.ONE_PER_PACKAGE)
                .withAllowPrereleases(s.options().prereleases());
        return s.options().timeout().map(request::withTimeout).orElse(request);
    }

    @TestFactory
    Stream<DynamicTest> resolverReachesTheExpectedOutcome() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name(), s.file().toUri(), () -> resolve(s)));
    }

    private static void resolve(Scenario s) {
        ResolveRequest request = request(s);
        Resolution resolution = new Resolver(s.registry()).resolve(request);
        String where = s.file() + ": expected " + s.expected().describe() + ", ";
        if (s.expected() instanceof Scenario.Solved expected) {
            if (!(resolution instanceof Resolution.Solved solved)) {
                fail(where + "but the resolver found no solution (conflict among "
                        + ((Resolution.Unsatisfiable) resolution).packages() + ")");
                return;
            }
            List<PackageId> actual = solved.packages().stream().map(Resolution.SelectedPackage::id).sorted().toList();
            assertEquals(expected.selection(), actual, where + "got " + describe(actual));
            assertTrue(solved.optimal(), where + "but the solution is not proven optimal");
            List<String> problems = ScenarioChecker.problems(s.registry(), request, solved);
            assertEquals(List.of(), problems, s.file() + ": the resolver's selection breaks the rules");
        } else if (s.expected() instanceof Scenario.Unsatisfiable expected) {
            if (!(resolution instanceof Resolution.Unsatisfiable unsatisfiable)) {
                List<PackageId> actual = ((Resolution.Solved) resolution).packages().stream()
                        .map(Resolution.SelectedPackage::id).toList();
                fail(where + "but the resolver selected " + describe(actual));
                return;
            }
            Set<PackageName> missing = new TreeSet<>(expected.involving());
            missing.removeAll(unsatisfiable.packages());
            assertEquals(Set.of(), missing, where + "but the conflict names only " + unsatisfiable.packages());
        } else {
            throw new AssertionError(s.expected());
        }
    }

    /**
     * The expected selections are valid by the rules alone, so a wrong hand-derived answer that is
     * not even a solution shows up here whatever the resolver does.
     */
    @TestFactory
    Stream<DynamicTest> expectedSelectionsAreValid() {
        return scenarios().stream().filter(s -> s.expected() instanceof Scenario.Solved)
                .map(s -> DynamicTest.dynamicTest(s.name(), s.file().toUri(), () -> {
                    Resolution.Solved solved = asSolution(s, ((Scenario.Solved) s.expected()).selection());
                    assertEquals(List.of(), ScenarioChecker.problems(s.registry(), request(s), solved),
                            s.file() + ": the expected selection breaks the rules");
                }));
    }

    /** The checker is only worth something if it fails: removing any needed package must be caught. */
    @TestFactory
    Stream<DynamicTest> checkerRejectsASelectionMissingAPackage() {
        return scenarios().stream().filter(s -> s.expected() instanceof Scenario.Solved e && !e.selection().isEmpty())
                .map(s -> DynamicTest.dynamicTest(s.name(), s.file().toUri(), () -> {
                    List<PackageId> selection = ((Scenario.Solved) s.expected()).selection();
                    for (PackageId dropped : selection) {
                        List<PackageId> rest = new ArrayList<>(selection);
                        rest.remove(dropped);
                        List<String> problems = ScenarioChecker.problems(s.registry(), request(s), asSolution(s, rest));
                        assertFalse(problems.isEmpty(), s.file() + ": dropping " + dropped + " went unnoticed");
                    }
                }));
    }

    @Test
    void thereAreAtLeastFortyScenarios() {
        assertTrue(scenarios().size() >= 40, "only " + scenarios().size() + " scenarios in " + directory());
    }

    /** A solution as the resolver would report it, each dependency pointing at a selected version. */
    private static Resolution.Solved asSolution(Scenario s, List<PackageId> selection) {
        List<Resolution.SelectedPackage> packages = new ArrayList<>();
        for (PackageId id : selection) {
            Release release = s.registry().find(id.name()).orElseThrow().releases().stream()
                    .filter(r -> r.version().equals(id.version())).findFirst().orElseThrow();
            List<PackageId> deps = new ArrayList<>();
            for (Dependency d : release.dependencies()) {
                selection.stream().filter(o -> o.name().equals(d.name()) && d.range().contains(o.version()))
                        .findFirst().ifPresent(deps::add);
            }
            boolean direct = s.root().dependencies().stream().anyMatch(d -> d.name().equals(id.name()));
            packages.add(new Resolution.SelectedPackage(id, direct, deps.stream().sorted().toList()));
        }
        return new Resolution.Solved(packages, true, List.of(), null);
    }

    private static String describe(List<PackageId> ids) {
        return ids.isEmpty() ? "nothing" : String.join(", ", ids.stream().map(id -> id.name() + " " + id.version()).toList());
    }
}
