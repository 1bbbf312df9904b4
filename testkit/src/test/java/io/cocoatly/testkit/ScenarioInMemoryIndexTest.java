package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioInMemoryIndexTest {

    private static Release release(String name, String version, Dependency... deps) {
        return new Release(PackageId.of(name, version), List.of(deps), false, Optional.empty());
    }

    @Test
    void groupsReleasesByPackageInVersionOrder() {
        InMemoryIndex index = new InMemoryIndex("mem", List.of(release("b", "2.0.0"), release("a", "1.10.0"),
                release("a", "1.9.0", Dependency.parse("b", "^2"))));
        assertEquals("mem", index.name());
        assertEquals(List.of(PackageName.of("a"), PackageName.of("b")), List.copyOf(index.packages()));
        assertEquals(List.of("a@1.9.0", "a@1.10.0", "b@2.0.0"),
                index.releases().stream().map(r -> r.id().toString()).toList());
        assertEquals(List.of(Dependency.parse("b", "^2")),
                index.find(PackageName.of("a")).orElseThrow().releases().get(0).dependencies());
    }

    @Test
    void anUnknownPackageIsEmptyNotAnError() {
        InMemoryIndex index = new InMemoryIndex("mem", List.of(release("a", "1.0.0")));
        assertTrue(index.find(PackageName.of("ghost")).isEmpty());
    }

    @Test
    void rejectsTheSameReleaseTwice() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new InMemoryIndex("mem", List.of(release("a", "1.0.0"), release("a", "1.0.0"))));
        assertEquals("release a@1.0.0 is listed twice", e.getMessage());
    }
}
