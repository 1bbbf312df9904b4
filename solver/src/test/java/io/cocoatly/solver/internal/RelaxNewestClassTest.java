package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.solver.Explanation;
import io.cocoatly.solver.RandomCase;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Explain#relaxToNewestClass}: where it answers for a one-requirement project, its answer is
 * what relaxing by lifting the requirement gives (the lifted project's pick, then the caret on its class
 * re-solved), on random unsatisfiable one-requirement projects.
 */
class RelaxNewestClassTest {

    @Test
    void answersAsLiftingTheRequirementWould() {
        int answered = 0;
        int unsatisfiable = 0;
        for (long seed = 1; seed <= 3000; seed++) {
            RandomCase c = SmallCases.random(seed, 8);
            Manifest root = c.request().root();
            for (Dependency d : root.dependencies()) {
                ResolveRequest one = Explain.rooted(c.request(), new Manifest(root.name(), root.version(), List.of(d)));
                if (d.name().equals(root.name())
                        || !(Resolve.run(c.index(), one, true) instanceof Resolution.Unsatisfiable)) {
                    continue;
                }
                unsatisfiable++;
                Optional<Explanation.Suggestion> quick = Explain.relaxToNewestClass(c.index(), one, d, new Matches());
                if (quick.isEmpty()) {
                    continue;
                }
                answered++;
                // The oracle: lift the requirement, take the version of its package picked, re-solve with
                // a caret on that version's class.
                Dependency any = Dependency.parse(d.name().value(), "*");
                Resolution lifted = Resolve.run(c.index(), Explain.rooted(one, manifest(root, any)), true);
                assertTrue(lifted instanceof Resolution.Solved, "seed " + seed + ": lifting " + d + " solves nothing");
                PackageId picked = ((Resolution.Solved) lifted).packages().stream().map(Resolution.SelectedPackage::id)
                        .filter(p -> p.name().equals(d.name())).findFirst().orElseThrow();
                Dependency relaxed = Dependency.parse(d.name().value(), "^" + Explain.classBase(picked.version()));
                Resolution again = Resolve.run(c.index(), Explain.rooted(one, manifest(root, relaxed)), true);
                assertEquals(List.of(Optional.of(relaxed)), quick.get().replacements(), "seed " + seed + " " + d);
                assertEquals(((Resolution.Solved) again).packages().stream().map(Resolution.SelectedPackage::id).toList(),
                        quick.get().result(), "seed " + seed + " " + d);
            }
        }
        assertTrue(unsatisfiable >= 1000, "unsatisfiable one-requirement projects: " + unsatisfiable);
        assertTrue(answered >= 200, "answered without lifting: " + answered);
    }

    private static Manifest manifest(Manifest root, Dependency only) {
        return new Manifest(root.name(), root.version(), List.of(only));
    }
}
