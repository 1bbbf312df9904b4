package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.Explanation;
import io.cocoatly.solver.ExplanationText;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import io.cocoatly.solver.SelectionText;
import io.cocoatly.testkit.GoldenFile;
import io.cocoatly.testkit.Scenario;
import io.cocoatly.testkit.ScenarioReader;
import io.cocoatly.testkit.TestData;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The workspace scenarios of {@code testdata/scenarios} (those with {@code members:}), resolved by the
 * workspace rules of {@link WorkspaceResolution}: the expected selection of registry packages, and the
 * explanation's prose pinned in {@code testdata/explanations/<scenario>.expected.txt} as the solver's
 * golden test pins the others ({@code -Dcocoatly.regenerate=true} rewrites them).
 */
class WorkspaceScenarioTest {

    private static final int WIDTH = 100;

    private static List<Scenario> scenarios() {
        return ScenarioReader.readAll(TestData.scenarios()).stream().filter(Scenario::isWorkspace).toList();
    }

    @Test
    void theRepositoryHasWorkspaceScenarios() {
        assertTrue(scenarios().size() >= 5, "only " + scenarios().size());
    }

    @TestFactory
    Stream<DynamicTest> eachWorkspaceScenarioResolvesAsExpectedAndReadsAsPinned() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name(), s.file().toUri(), () -> check(s)));
    }

    private static ResolveRequest request(Scenario s, WorkspaceResolution ws, io.cocoatly.model.Manifest root) {
        return ResolveRequest.of(root).withOrigins(ws.origins())
                .withPreferred(s.options().preferred())
                .withPolicy(s.options().semverMajor() ? VersionPolicy.SEMVER_MAJOR : VersionPolicy.ONE_PER_PACKAGE)
                .withAllowPrereleases(s.options().prereleases());
    }

    private static void check(Scenario s) {
        WorkspaceResolution ws = new WorkspaceResolution(s.workspace().orElseThrow());
        Resolver resolver = new Resolver(ws.index(s.registry()));
        ResolveRequest request = request(s, ws, ws.root(s.registry()));
        Resolution r = resolver.resolve(request);
        // What lock resolves: without the members' pins when every range on a member accepts its version,
        // the same registry packages, or unsatisfiable alike.
        Resolution spared = resolver.resolve(request(s, ws, ws.registryRoot(s.registry())));
        assertEquals(r instanceof Resolution.Solved, spared instanceof Resolution.Solved, s.name());
        if (r instanceof Resolution.Solved solved && spared instanceof Resolution.Solved lean) {
            Set<PackageName> members = ws.memberNames();
            assertEquals(solved.packages().stream().map(Resolution.SelectedPackage::id).filter(id -> !members.contains(id.name())).toList(),
                    lean.packages().stream().map(Resolution.SelectedPackage::id).filter(id -> !members.contains(id.name())).toList(),
                    s.name());
        }
        String text;
        if (s.expected() instanceof Scenario.Solved expected) {
            assertTrue(r instanceof Resolution.Solved, () -> s.name() + ": " + r);
            Resolution.Solved solved = (Resolution.Solved) r;
            Set<PackageName> members = ws.memberNames();
            List<PackageId> registryPackages = solved.packages().stream().map(Resolution.SelectedPackage::id)
                    .filter(id -> !members.contains(id.name())).toList();
            assertEquals(expected.selection(), registryPackages, s.name());
            // Every member is selected, at its own version.
            s.workspace().get().members().forEach(m -> assertTrue(solved.packages().stream()
                    .anyMatch(p -> p.id().equals(m.manifest().id())), m.label()));
            text = SelectionText.render(resolver.explain(request, solved), WIDTH);
        } else {
            assertTrue(r instanceof Resolution.Unsatisfiable, () -> s.name() + ": " + r);
            Resolution.Unsatisfiable u = (Resolution.Unsatisfiable) r;
            Set<PackageName> involving = ((Scenario.Unsatisfiable) s.expected()).involving();
            assertTrue(u.packages().containsAll(involving), () -> s.name() + ": " + u.packages());
            Explanation x = u.explanation().orElseThrow();
            String fixes = ExplanationText.suggestions(x, WIDTH);
            text = ExplanationText.render(x, WIDTH) + (fixes.isEmpty() ? "" : "\n" + fixes);
        }
        assertFalse(text.isBlank(), s.name());
        GoldenFile.assertMatches(TestData.scenarios().getParent().resolve("explanations").resolve(s.name() + ".expected.txt"),
                text);
    }
}
