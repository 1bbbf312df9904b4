package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.testkit.InMemoryIndex;
import io.cocoatly.model.Release;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryGeneratorTest {

    private static final RegistryGenerator.Shape SHAPE = RegistryGenerator.Shape.realistic();

    @Test
    void theSameSeedGivesTheSameRegistry() {
        assertEquals(RegistryGenerator.generate(7, SHAPE).releases(), RegistryGenerator.generate(7, SHAPE).releases());
    }

    @Test
    void anotherSeedGivesAnotherRegistry() {
        assertNotEquals(RegistryGenerator.generate(7, SHAPE).releases(), RegistryGenerator.generate(8, SHAPE).releases());
    }

    @Test
    void hasTheSizeOfARealSmallRegistry() {
        InMemoryIndex registry = RegistryGenerator.generate(1, SHAPE);
        assertEquals(SHAPE.packages(), registry.packages().size());
        int releases = registry.releases().size();
        assertTrue(releases >= 3000 && releases <= 5000, "releases: " + releases);
    }

    @Test
    void fanInFollowsAPowerLawAndSomeDependenciesAreBroken() {
        InMemoryIndex registry = RegistryGenerator.generate(1, SHAPE);
        Map<String, Integer> dependents = new HashMap<>();
        int missing = 0;
        int impossible = 0;
        int yanked = 0;
        for (Release release : registry.releases()) {
            yanked += release.yanked() ? 1 : 0;
            for (Dependency d : release.dependencies()) {
                dependents.merge(d.name().value(), 1, Integer::sum);
                var target = registry.find(d.name());
                if (target.isEmpty()) {
                    missing++;
                } else if (target.get().releases().stream().noneMatch(r -> d.range().contains(r.version()))) {
                    impossible++;
                }
            }
        }
        int top = dependents.getOrDefault(RegistryGenerator.packageName(0).value(), 0);
        int median = dependents.values().stream().sorted().toList().get(dependents.size() / 2);
        assertTrue(top > 20 * median, "most depended-on " + top + " vs median " + median);
        assertTrue(missing > 0 && impossible > 0 && yanked > 0, missing + " " + impossible + " " + yanked);
    }
}
