package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a selection against the rules alone, without any of the solver's machinery: every selected
 * release exists and is not yanked unless preferred, at most one version per package (or per
 * compatibility class), and every requirement of the root and of each selected release is met by a
 * selected version. Returns the problems found, empty when the selection is valid.
 */
final class ScenarioChecker {

    private ScenarioChecker() {
    }

    static List<String> problems(PackageIndex index, ResolveRequest request, Resolution.Solved solved) {
        List<String> problems = new ArrayList<>();
        Manifest root = request.root();
        Map<PackageName, List<Version>> selected = new HashMap<>();
        Map<PackageId, Release> releases = new HashMap<>();
        Set<String> slots = new HashSet<>();
        for (Resolution.SelectedPackage p : solved.packages()) {
            PackageId id = p.id();
            if (id.name().equals(root.name())) {
                problems.add("the root `" + root.name() + "` is in the selection");
                continue;
            }
            Optional<Release> release = index.find(id.name()).flatMap(l -> l.releases().stream()
                    .filter(r -> r.version().equals(id.version())).findFirst());
            if (release.isEmpty()) {
                problems.add("`" + id + "` is not in the registry");
                continue;
            }
            if (release.get().yanked() && !request.preferred().contains(id)) {
                problems.add("`" + id + "` is yanked and not preferred");
            }
            String slot = request.policy() == VersionPolicy.SEMVER_MAJOR
                    ? id.name() + "@" + id.version().compatibilityClass() : id.name().value();
            if (!slots.add(slot)) {
                problems.add("more than one version selected for `" + slot + "`");
            }
            releases.put(id, release.get());
            selected.computeIfAbsent(id.name(), n -> new ArrayList<>()).add(id.version());
        }
        for (Dependency d : root.dependencies()) {
            if (!satisfied(d, root, selected)) {
                problems.add("root requirement `" + d + "` is not met");
            }
        }
        for (Resolution.SelectedPackage p : solved.packages()) {
            Release release = releases.get(p.id());
            if (release == null) {
                continue;
            }
            for (Dependency d : release.dependencies()) {
                if (!satisfied(d, root, selected)) {
                    problems.add("`" + p.id() + "` requires `" + d + "`, which is not met");
                }
                boolean listed = d.name().equals(root.name()) || p.dependencies().stream()
                        .anyMatch(dep -> dep.name().equals(d.name()) && d.range().contains(dep.version()));
                if (!listed) {
                    problems.add("`" + p.id() + "` does not list what `" + d + "` resolved to");
                }
            }
            for (PackageId dep : p.dependencies()) {
                // A dependency on the project resolves to the root itself, which is never in the selection.
                if (!dep.equals(root.id()) && !selected.getOrDefault(dep.name(), List.of()).contains(dep.version())) {
                    problems.add("`" + p.id() + "` lists `" + dep + "`, which is not selected");
                }
            }
            boolean rootDependsOn = root.dependencies().stream().anyMatch(d -> d.name().equals(p.id().name()));
            if (p.direct() && !rootDependsOn) {
                problems.add("`" + p.id() + "` is marked direct but the root does not depend on it");
            }
        }
        return problems;
    }

    /** A dependency on the root's own name is met by the root's version, never by a registry release. */
    private static boolean satisfied(Dependency d, Manifest root, Map<PackageName, List<Version>> selected) {
        if (d.name().equals(root.name())) {
            return d.range().contains(root.version());
        }
        return selected.getOrDefault(d.name(), List.of()).stream().anyMatch(v -> d.range().contains(v));
    }
}
