package io.cocoatly.benchmarks;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a solution against the index without the solver's help, so a fast wrong answer cannot pass
 * as a fast answer: every requirement of the root and of every selected release is met by a selected
 * version, the policy's at-most-one rule holds, and a yanked version appears only when the request prefers (pins) it.
 */
final class SolutionCheck {

    private SolutionCheck() {
    }

    /** The problems found, empty when the solution is valid. */
    static List<String> problems(PackageIndex index, ResolveRequest request, Resolution.Solved solved) {
        List<String> problems = new ArrayList<>();
        Map<PackageName, List<Version>> selected = new HashMap<>();
        Set<String> classes = new HashSet<>();
        for (Resolution.SelectedPackage p : solved.packages()) {
            PackageId id = p.id();
            selected.computeIfAbsent(id.name(), n -> new ArrayList<>()).add(id.version());
            String slot = request.policy() == VersionPolicy.SEMVER_MAJOR
                    ? id.name() + "@" + id.version().compatibilityClass() : id.name().value();
            if (!classes.add(slot)) {
                problems.add("two versions selected for " + slot);
            }
        }
        for (Dependency d : request.root().dependencies()) {
            requireMet(problems, selected, request.root().id(), d);
        }
        for (Resolution.SelectedPackage p : solved.packages()) {
            Release release = index.find(p.id().name()).flatMap(l -> l.releases().stream()
                    .filter(r -> r.version().equals(p.id().version())).findFirst()).orElse(null);
            if (release == null) {
                problems.add(p.id() + " is not in the index");
                continue;
            }
            if (release.yanked() && !pinned(request, p.id())) {
                problems.add(p.id() + " is yanked and not pinned");
            }
            for (Dependency d : release.dependencies()) {
                requireMet(problems, selected, p.id(), d);
            }
        }
        return problems;
    }

    /** A preferred version is pinned (as by a lockfile); a root requirement alone pins nothing, as in Cargo. */
    private static boolean pinned(ResolveRequest request, PackageId id) {
        return request.preferred().contains(id);
    }

    private static void requireMet(List<String> problems, Map<PackageName, List<Version>> selected, PackageId from,
                                   Dependency d) {
        List<Version> versions = selected.getOrDefault(d.name(), List.of());
        if (versions.stream().noneMatch(d.range()::contains)) {
            problems.add(from + " needs " + d + " but the selection has " + versions);
        }
    }
}
