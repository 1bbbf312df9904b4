package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder reads the root's edges by the position of each requirement in the list the universe was
 * loaded for ({@link Universe#rootEdges}); a root with other requirements is refused, not misread.
 */
class RootEdgesTest {

    @Test
    void aUniverseLoadedForOtherRequirementsIsRefused() {
        RandomCase c = RandomCase.generate(1, 10, VersionPolicy.ONE_PER_PACKAGE);
        for (long seed = 2; c.request().root().dependencies().isEmpty(); seed++) {
            c = RandomCase.generate(seed, 10, VersionPolicy.ONE_PER_PACKAGE);
        }
        RandomCase found = c;
        Manifest root = found.request().root();
        Preferences none = Preferences.of(List.of(), VersionPolicy.ONE_PER_PACKAGE);
        List<Dependency> fewer = root.dependencies().subList(0, root.dependencies().size() - 1);
        Universe loaded = Universe.forRoot(found.index(), root.name(), fewer, none);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Encoder.forResolve(loaded, root, none, VersionPolicy.ONE_PER_PACKAGE, false, "test"));
        assertEquals("the universe was loaded for other requirements than " + root.id() + "'s", e.getMessage());
        // The same requirements, as every caller passes them, are read.
        Universe same = Universe.forRoot(found.index(), root.name(), root.dependencies(), none);
        assertEquals(same.rootEdges().length, Encoder.forResolve(same, root, none, VersionPolicy.ONE_PER_PACKAGE,
                false, "test").rootClauses.size());
    }
}
