package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.solver.Explanation.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A generated registry of a few hundred packages with a conflict twelve levels deep: the explanation is
 * a minimal conflict (checked by {@link FactChecker}) that reads as one chain. The time it took is
 * printed for docs/explanations.md, not asserted.
 */
class ExplanationScaleTest {

    static final int PACKAGES = 400;

    static RandomCase layered(long seed) {
        Random random = new Random(seed);
        String[] versions = {"1.0.0", "1.1.0", "1.2.0", "2.0.0"};
        String[] ranges = {"^1", "^1.1", "*", ">=1.0.0"};
        Map<PackageName, List<Release>> registry = new TreeMap<>();
        for (int i = 0; i < PACKAGES; i++) {
            String name = String.format(Locale.ROOT, "p%03d", i);
            List<Release> releases = new ArrayList<>();
            for (String v : versions) {
                List<Dependency> deps = new ArrayList<>();
                if (i < 12) {
                    deps.add(Dependency.parse(String.format(Locale.ROOT, "p%03d", i + 1), "*"));
                } else if (i == 12) {
                    deps.add(Dependency.parse("p399", "^2"));
                }
                for (int k = 0; k < 3 && i + 13 < PACKAGES - 1; k++) {
                    int target = i + 1 + random.nextInt(PACKAGES - 2 - i);
                    String t = String.format(Locale.ROOT, "p%03d", Math.max(target, 13));
                    if (deps.stream().noneMatch(d -> d.name().value().equals(t))) {
                        deps.add(Dependency.parse(t, ranges[random.nextInt(ranges.length)]));
                    }
                }
                releases.add(new Release(PackageId.of(name, v), deps, false, Optional.empty()));
            }
            registry.put(PackageName.of(name), releases);
        }
        Manifest root = new Manifest(PackageName.of("app"), Version.parse("1.0.0"),
                List.of(Dependency.parse("p000", "^1"), Dependency.parse("p399", "^1"),
                        Dependency.parse("p200", "*")));
        return new RandomCase(registry, ResolveRequest.of(root));
    }

    @Test
    void aDeepConflictInALargeRegistryIsMinimalAndReadsAsAChain() {
        RandomCase c = layered(7);
        Resolver resolver = new Resolver(c.index());
        resolver.resolve(c.request());
        long t0 = System.nanoTime();
        Resolution r = resolver.resolve(c.request());
        long t1 = System.nanoTime();
        Explanation x = ((Resolution.Unsatisfiable) r).explanation().orElseThrow();
        FactChecker checker = new FactChecker(c.registry(), c.request().root());
        List<Fact> facts = x.facts();
        assertFalse(checker.satisfiable(facts));
        for (int i = 0; i < facts.size(); i++) {
            List<Fact> rest = new ArrayList<>(facts);
            rest.remove(i);
            assertTrue(checker.satisfiable(rest), "fact " + i + " is not needed");
        }
        String text = ExplanationText.render(x, 100);
        assertTrue(text.endsWith("no solution exists.\n"), text);
        System.out.printf(Locale.ROOT, "explain %d packages: %.1f ms resolve+explain (%d facts, %d steps, %d fixes)%n",
                PACKAGES, (t1 - t0) / 1e6, facts.size(), x.derivation().size(), x.suggestions().size());
    }

    @Test
    void everyUnsatisfiableScenarioHasAMinimalConflict() {
        String slowest = "";
        long worst = 0;
        for (io.cocoatly.testkit.Scenario s : io.cocoatly.testkit.ScenarioReader.readAll(ScenarioTest.directory())) {
            if (!(s.expected() instanceof io.cocoatly.testkit.Scenario.Unsatisfiable) || s.isWorkspace()) {
                continue;
            }
            Resolver resolver = new Resolver(s.registry());
            resolver.resolve(ScenarioTest.request(s));
            long t0 = System.nanoTime();
            Resolution r = resolver.resolve(ScenarioTest.request(s));
            long t = System.nanoTime() - t0;
            if (t > worst) {
                worst = t;
                slowest = s.name();
            }
            Explanation x = ((Resolution.Unsatisfiable) r).explanation().orElseThrow();
            assertFalse(x.facts().isEmpty(), s.name());
            if (s.options().semverMajor() || !s.options().preferred().isEmpty()) {
                continue;
            }
            Map<PackageName, List<Release>> registry = new TreeMap<>();
            for (PackageName name : s.registry().packages()) {
                registry.put(name, s.registry().find(name).orElseThrow().releases());
            }
            FactChecker checker = new FactChecker(registry, s.root());
            assertFalse(checker.satisfiable(x.facts()), s.name());
            for (int i = 0; i < x.facts().size(); i++) {
                List<Fact> rest = new ArrayList<>(x.facts());
                rest.remove(i);
                assertTrue(checker.satisfiable(rest), s.name() + ": fact " + i + " is not needed");
            }
        }
        System.out.printf(Locale.ROOT, "slowest unsatisfiable scenario: %s, %.1f ms resolve+explain%n", slowest,
                worst / 1e6);
    }
}
