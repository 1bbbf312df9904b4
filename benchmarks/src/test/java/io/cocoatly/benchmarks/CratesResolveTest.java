package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.solver.CheckReport;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.Resolver;
import io.cocoatly.model.VersionPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The solver on real crates.io data in any clone: every root of the committed excerpt resolves to a
 * proven-optimal selection that an independent checker accepts, and the registry-wide check agrees
 * with resolving each version on its own.
 */
class CratesResolveTest {

    private static final Resolver RESOLVER = new Resolver(SharedIndex.EXCERPT);

    @Test
    void everyRootResolvesToAValidOptimalSelection() {
        List<String> problems = new ArrayList<>();
        for (PackageId root : SharedIndex.EXCERPT_ROOTS) {
            Resolution r = RESOLVER.resolve(CratesRoots.request(root));
            Resolution.Solved solved = assertInstanceOf(Resolution.Solved.class, r, root.toString());
            assertTrue(solved.optimal(), root + " was not proven optimal");
            assertTrue(solved.packages().stream().anyMatch(p -> p.id().equals(root)), root + " is not selected");
            SolutionCheck.problems(SharedIndex.EXCERPT, CratesRoots.request(root), solved)
                    .forEach(p -> problems.add(root + ": " + p));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckOfEveryVersionAgreesWithResolvingIt() {
        List<PackageName> all = new ArrayList<>();
        SharedIndex.EXCERPT.parseAll(listing -> all.add(listing.name()));
        CheckReport report = RESOLVER.check(all, VersionPolicy.SEMVER_MAJOR);

        assertEquals(1227, report.results().size());
        assertEquals(List.of(), CheckCrossCheck.disagreements(RESOLVER, report, VersionPolicy.SEMVER_MAJOR));
    }
}
