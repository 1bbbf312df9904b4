package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.Release;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryGeneratorTest {

    private static final RegistryGenerator.Shape SHAPE = RegistryGenerator.Shape.realistic();

    @Test
    void theSameSeedGivesTheSameRegistry() {
        assertEquals(List.copyOf(RegistryGenerator.generate(7, SHAPE).listings()),
                List.copyOf(RegistryGenerator.generate(7, SHAPE).listings()));
    }

    @Test
    void anotherSeedGivesAnotherRegistry() {
        assertNotEquals(List.copyOf(RegistryGenerator.generate(7, SHAPE).listings()),
                List.copyOf(RegistryGenerator.generate(8, SHAPE).listings()));
    }

    @Test
    void hasTheSizeOfARealSmallRegistry() {
        GeneratedRegistry registry = RegistryGenerator.generate(1, SHAPE);
        assertEquals(SHAPE.packages(), registry.listings().size());
        int releases = registry.releaseCount();
        assertTrue(releases >= 3000 && releases <= 5000, "releases: " + releases);
    }

    @Test
    void fanInFollowsAPowerLawAndSomeDependenciesAreBroken() {
        GeneratedRegistry registry = RegistryGenerator.generate(1, SHAPE);
        Map<String, Integer> dependents = new HashMap<>();
        int missing = 0;
        int impossible = 0;
        int yanked = 0;
        for (PackageListing listing : registry.listings()) {
            for (Release release : listing.releases()) {
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
        }
        int top = dependents.getOrDefault(RegistryGenerator.packageName(0).value(), 0);
        int median = dependents.values().stream().sorted().toList().get(dependents.size() / 2);
        assertTrue(top > 20 * median, "most depended-on " + top + " vs median " + median);
        assertTrue(missing > 0 && impossible > 0 && yanked > 0, missing + " " + impossible + " " + yanked);
    }
}
