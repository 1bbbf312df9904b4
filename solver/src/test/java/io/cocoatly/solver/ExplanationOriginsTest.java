package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionRange;
import io.cocoatly.solver.Explanation.Fact;
import io.cocoatly.solver.Explanation.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a root requirement reads when the request says which workspace members declare it. */
class ExplanationOriginsTest {

    private static final PackageId ROOT = PackageId.of("workspace", "0.0.0");
    private static final Dependency HTTP1 = Dependency.parse("http", "^1");
    private static final Dependency HTTP2 = Dependency.parse("http", "^2");

    private static Fact root(Dependency d) {
        return new Fact(Kind.ROOT_REQUIREMENT, ROOT.name(), VersionRange.exactly(ROOT.version()), true, Optional.of(d),
                List.of(), List.of(), "");
    }

    private static List<RequirementOrigin> members(int n) {
        List<RequirementOrigin> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new RequirementOrigin(PackageName.of("m" + i), "libs/m" + i));
        }
        return list;
    }

    private static String render(Map<Dependency, List<RequirementOrigin>> origins) {
        return ExplanationText.render(new Explanation(ROOT, List.of(root(HTTP1), root(HTTP2)), List.of(), List.of(), origins),
                200);
    }

    @Test
    void withoutOriginsTheRootSpeaksAsBefore() {
        assertEquals("Because workspace depends on http ^1 and workspace depends on http ^2, no solution exists.\n",
                render(Map.of()));
    }

    @Test
    void eachRequirementNamesTheMembersThatDeclareIt() {
        assertEquals("Because web (apps/web) depends on http ^1 and m0 (libs/m0) and m1 (libs/m1) depend on http ^2,"
                        + " no solution exists.\n",
                render(Map.of(HTTP1, List.of(new RequirementOrigin(PackageName.of("web"), "apps/web")), HTTP2, members(2))));
    }

    @Test
    void manyMembersAreCounted() {
        assertEquals("Because m0 (libs/m0), m1 (libs/m1), m2 (libs/m2) and 6 more members depend on http ^1 and"
                        + " workspace depends on http ^2, no solution exists.\n",
                render(Map.of(HTTP1, members(9))));
    }

    @Test
    void aMembersOwnVersionReadsAsWhatItIs() {
        Dependency pin = Dependency.parse("api", "=1.0.0");
        Explanation x = new Explanation(ROOT, List.of(root(pin)), List.of(), List.of(),
                Map.of(pin, List.of(new RequirementOrigin(PackageName.of("api"), "libs/api"))));
        assertEquals("Because api (libs/api) is 1.0.0, no solution exists.\n", ExplanationText.render(x, 200));
    }
}
