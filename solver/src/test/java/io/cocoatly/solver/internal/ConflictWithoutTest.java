package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.solver.RandomCase;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link FactCore.Conflict#holdsWithout}: an unsatisfiable project's encoding without some of its root
 * requirements has no model exactly when the project without them has no solution; and then, without
 * one requirement, the project with that requirement's range lifted to any version has none either. The
 * fix search relies on both to skip re-solving fixes that cannot work ({@code Explain}).
 */
class ConflictWithoutTest {

    @Test
    void theConflictHoldsWithoutRequirementsExactlyWhenTheProjectWithoutThemHasNoSolution() {
        int refuted = 0;
        int solvable = 0;
        int liftedToo = 0;
        for (long seed = 1; seed <= 3000; seed++) {
            RandomCase c = SmallCases.random(seed, 8);
            Encoding e = EncodingGoldenTest.encode(c.index(), c.request());
            List<Dependency> requirements = c.request().root().dependencies();
            if (requirements.size() < 2 || !(Resolve.run(c.index(), c.request(), true) instanceof Resolution.Unsatisfiable)) {
                continue;
            }
            FactCore.Conflict conflict = FactCore.analyse(e, c.index(), Budget.of(Optional.empty()));
            List<List<Dependency>> drops = new ArrayList<>();
            for (int i = 0; i < requirements.size(); i++) {
                drops.add(List.of(requirements.get(i)));
                for (int j = i + 1; j < requirements.size(); j++) {
                    drops.add(List.of(requirements.get(i), requirements.get(j)));
                }
            }
            for (List<Dependency> drop : drops) {
                Resolution without = Resolve.run(c.index(), without(c.request(), drop), true);
                boolean holds = conflict.holdsWithout(drop);
                assertEquals(without instanceof Resolution.Unsatisfiable, holds, "seed " + seed + " without " + drop);
                refuted += holds ? 1 : 0;
                solvable += holds ? 0 : 1;
                if (holds && drop.size() == 1) {
                    Dependency lifted = Dependency.parse(drop.get(0).name().value(), "*");
                    Resolution relaxed = Resolve.run(c.index(), replaced(c.request(), drop.get(0), lifted), true);
                    assertTrue(relaxed instanceof Resolution.Unsatisfiable, "seed " + seed + " lifting " + drop);
                    liftedToo++;
                }
            }
        }
        // Both ways are met: fixes that cannot work, and fixes that do.
        assertTrue(refuted >= 1000, "refuted: " + refuted);
        assertTrue(solvable >= 1000, "solvable: " + solvable);
        assertTrue(liftedToo >= 500, "lifted: " + liftedToo);
    }

    private static ResolveRequest replaced(ResolveRequest request, Dependency old, Dependency with) {
        return Explain.rooted(request, Explain.replace(request.root(), old, with));
    }

    private static ResolveRequest without(ResolveRequest request, List<Dependency> drop) {
        return Explain.rooted(request, Explain.without(request.root(), drop));
    }
}
