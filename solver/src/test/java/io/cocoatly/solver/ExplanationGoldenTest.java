package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.GoldenFile;
import io.cocoatly.testkit.Scenario;
import io.cocoatly.testkit.ScenarioReader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The prose of every scenario's explanation, pinned in {@code testdata/explanations/<scenario>.expected.txt}:
 * the derivation and fixes for unsatisfiable scenarios, the reasons for each selected version for the
 * others. Run with {@code -Dcocoatly.regenerate=true} to rewrite the files from the actual output
 * ({@link GoldenFile}).
 */
class ExplanationGoldenTest {

    static final int WIDTH = 100;

    @TestFactory
    Stream<DynamicTest> everyScenarioReadsAsPinned() {
        // Workspace scenarios are pinned by the project module's WorkspaceScenarioTest, which can resolve them.
        List<Scenario> scenarios = ScenarioReader.readAll(ScenarioTest.directory()).stream()
                .filter(s -> !s.isWorkspace()).toList();
        Path golden = ScenarioTest.directory().getParent().resolve("explanations");
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            Resolver resolver = new Resolver(s.registry());
            ResolveRequest request = ScenarioTest.request(s);
            Resolution r = resolver.resolve(request);
            String text = r instanceof Resolution.Solved solved
                    ? SelectionText.render(resolver.explain(request, solved), WIDTH) : text(r);
            assertTrue(!text.isBlank(), s.name());
            GoldenFile.assertMatches(golden.resolve(s.name() + ".expected.txt"), text);
        }));
    }

    static String text(Resolution r) {
        if (r instanceof Resolution.Unsatisfiable u) {
            Explanation x = u.explanation().orElseThrow();
            String fixes = ExplanationText.suggestions(x, WIDTH);
            return ExplanationText.render(x, WIDTH) + (fixes.isEmpty() ? "" : "\n" + fixes);
        }
        throw new AssertionError(r);
    }
}
