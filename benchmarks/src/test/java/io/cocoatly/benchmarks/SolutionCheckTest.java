package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.testkit.InMemoryIndex;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Statistics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SolutionCheckTest {

    private static final Statistics NONE = new Statistics(0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private static Release release(String id, boolean yanked, String... dependencies) {
        String[] parts = id.split("@");
        List<Dependency> deps = Arrays.stream(dependencies).map(d -> d.split(" ", 2))
                .map(d -> Dependency.parse(d[0], d[1])).toList();
        return new Release(PackageId.of(parts[0], parts[1]), deps, yanked, Optional.empty());
    }

    private static final InMemoryIndex INDEX = new InMemoryIndex("test", List.of(
            release("app@1.0.0", false, "log ^1.0.0"),
            release("log@1.0.0", false),
            release("log@1.1.0", true),
            release("log@2.0.0", false)));

    private static ResolveRequest request(VersionPolicy policy, Set<PackageId> preferred) {
        Manifest root = new Manifest(PackageName.of("root"), Version.parse("0.0.0"),
                List.of(Dependency.parse("app", "=1.0.0"), Dependency.parse("log", "^2.0.0")));
        return ResolveRequest.of(root).withPolicy(policy).withPreferred(preferred);
    }

    private static List<String> problems(VersionPolicy policy, String... selected) {
        return problems(policy, Set.of(), selected);
    }

    private static List<String> problems(VersionPolicy policy, Set<PackageId> preferred,
                                         String... selected) {
        List<Resolution.SelectedPackage> packages = Arrays.stream(selected)
                .map(s -> new Resolution.SelectedPackage(PackageId.of(s.split("@")[0], s.split("@")[1]), false, List.of()))
                .toList();
        return SolutionCheck.problems(INDEX, request(policy, preferred),
                new Resolution.Solved(packages, true, List.of(), NONE));
    }

    @Test
    void aValidSelectionHasNoProblems() {
        assertEquals(List.of(), problems(VersionPolicy.SEMVER_MAJOR, "app@1.0.0", "log@1.0.0", "log@2.0.0"));
    }

    @Test
    void twoVersionsOfOnePackageBreakTheOnePerPackageRule() {
        assertEquals(List.of("two versions selected for log"),
                problems(VersionPolicy.ONE_PER_PACKAGE, "app@1.0.0", "log@1.0.0", "log@2.0.0"));
    }

    @Test
    void anUnmetRequirementIsNamed() {
        assertEquals(List.of("app@1.0.0 needs log ^1.0.0 but the selection has [2.0.0]"),
                problems(VersionPolicy.SEMVER_MAJOR, "app@1.0.0", "log@2.0.0"));
    }

    @Test
    void aYankedVersionNeedsAPin() {
        assertEquals(List.of("log@1.1.0 is yanked and not pinned"),
                problems(VersionPolicy.SEMVER_MAJOR, "app@1.0.0", "log@1.1.0", "log@2.0.0"));
        assertEquals(List.of(), problems(VersionPolicy.SEMVER_MAJOR, Set.of(PackageId.of("log", "1.1.0")),
                "app@1.0.0", "log@1.1.0", "log@2.0.0"));
    }
}
