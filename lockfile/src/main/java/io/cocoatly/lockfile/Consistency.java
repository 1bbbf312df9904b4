package io.cocoatly.lockfile;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.VersionPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules that tie a lockfile's packages and install order together. Both the {@link Lockfile}
 * constructor and the {@link LockfileReader} use them, so what the writer can write and what the
 * reader accepts never drift apart. Problems are located by JSON path in the order given.
 */
final class Consistency {

    /** Where a dependency entry is: the package's index and the dependency, to a JSON path. */
    interface DependencyPath {
        String of(int packageIndex, LockedPackage pkg, PackageId dependency);
    }

    /** The first inconsistency found, at a JSON path. */
    record Problem(String path, String message) {
    }

    private Consistency() {
    }

    static String sortedDependencyPath(int packageIndex, LockedPackage pkg, PackageId dependency) {
        return "$.packages[" + packageIndex + "].dependencies[" + pkg.dependencies().indexOf(dependency) + "]";
    }

    static Optional<Problem> check(List<LockedPackage> packages, List<List<PackageId>> installOrder,
            VersionPolicy policy, DependencyPath dependencyPath) {
        Map<PackageId, Integer> index = new HashMap<>();
        Map<String, PackageId> classes = new HashMap<>();
        for (int i = 0; i < packages.size(); i++) {
            PackageId id = packages.get(i).id();
            Integer earlier = index.putIfAbsent(id, i);
            if (earlier != null) {
                return problem("$.packages[" + i + "]", "duplicate package `" + id + "`, also at $.packages[" + earlier + "]");
            }
            PackageId rival = classes.putIfAbsent(policy.exclusionKey(id), id);
            if (rival != null) {
                return problem("$.packages[" + i + "].version", "`" + id.name() + "` is locked at both " + rival.version()
                        + " and " + id.version() + ", but `multiple-versions` is `" + policy.fileText() + "`");
            }
        }
        for (int i = 0; i < packages.size(); i++) {
            LockedPackage pkg = packages.get(i);
            for (PackageId dependency : pkg.dependencies()) {
                if (!index.containsKey(dependency)) {
                    return problem(dependencyPath.of(i, pkg, dependency),
                            "`" + pkg.id() + "` depends on `" + dependency + "`, which is not a package of this lockfile");
                }
                // `install --production` installs the packages not marked dev: they must need nothing marked.
                if (!pkg.dev() && packages.get(index.get(dependency)).dev()) {
                    return problem(dependencyPath.of(i, pkg, dependency), "`" + pkg.id() + "` is not marked dev but"
                            + " depends on `" + dependency + "`, which is");
                }
            }
        }
        return checkInstallOrder(packages, installOrder, index);
    }

    private static Optional<Problem> checkInstallOrder(List<LockedPackage> packages, List<List<PackageId>> installOrder,
            Map<PackageId, Integer> index) {
        Map<PackageId, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < installOrder.size(); g++) {
            List<PackageId> group = installOrder.get(g);
            if (group.isEmpty()) {
                return problem("$.install-order[" + g + "]", "an install group must not be empty");
            }
            for (int k = 0; k < group.size(); k++) {
                PackageId id = group.get(k);
                String path = "$.install-order[" + g + "][" + k + "]";
                if (!index.containsKey(id)) {
                    return problem(path, "`" + id + "` is not a package of this lockfile");
                }
                if (groupOf.putIfAbsent(id, g) != null) {
                    return problem(path, "`" + id + "` appears twice in the install order");
                }
            }
        }
        for (LockedPackage pkg : packages) {
            if (!groupOf.containsKey(pkg.id())) {
                return problem("$.install-order", "`" + pkg.id() + "` is missing from the install order");
            }
        }
        for (int g = 0; g < installOrder.size(); g++) {
            List<PackageId> group = installOrder.get(g);
            Optional<Problem> notACycle = checkCycle(packages, index, group, g);
            if (notACycle.isPresent()) {
                return notACycle;
            }
            for (int k = 0; k < group.size(); k++) {
                LockedPackage pkg = packages.get(index.get(group.get(k)));
                for (PackageId dependency : pkg.dependencies()) {
                    int dg = groupOf.get(dependency);
                    if (dg > g) {
                        return problem("$.install-order[" + g + "][" + k + "]", "`" + pkg.id() + "` is installed before its"
                                + " dependency `" + dependency + "` (group " + dg + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }

    // A group of several must be one strongly connected component: every member reaches the first
    // one and is reached from it through dependencies inside the group. Packages that merely have no
    // order between them go in separate groups, so a group of several always means a cycle.
    private static Optional<Problem> checkCycle(List<LockedPackage> packages, Map<PackageId, Integer> index,
            List<PackageId> group, int g) {
        if (group.size() < 2) {
            return Optional.empty();
        }
        Set<PackageId> members = new HashSet<>(group);
        Map<PackageId, List<PackageId>> forward = new HashMap<>();
        Map<PackageId, List<PackageId>> backward = new HashMap<>();
        for (PackageId id : group) {
            for (PackageId dependency : packages.get(index.get(id)).dependencies()) {
                if (members.contains(dependency)) {
                    forward.computeIfAbsent(id, k -> new ArrayList<>()).add(dependency);
                    backward.computeIfAbsent(dependency, k -> new ArrayList<>()).add(id);
                }
            }
        }
        PackageId first = group.get(0);
        Set<PackageId> reached = reach(first, forward);
        Set<PackageId> reaching = reach(first, backward);
        for (int k = 1; k < group.size(); k++) {
            PackageId id = group.get(k);
            if (!reached.contains(id) || !reaching.contains(id)) {
                return problem("$.install-order[" + g + "]", "`" + first + "` and `" + id + "` share a group but are not in"
                        + " a dependency cycle; only a cycle is installed as one group");
            }
        }
        return Optional.empty();
    }

    private static Set<PackageId> reach(PackageId start, Map<PackageId, List<PackageId>> edges) {
        Set<PackageId> seen = new HashSet<>(List.of(start));
        Deque<PackageId> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            for (PackageId next : edges.getOrDefault(todo.pop(), List.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }

    /**
     * The rules of {@code sources}: none in format 1; in format 2 each name once, every package's
     * source listed, and every artifact URL absolute (the lockfile alone says where it is).
     */
    static Optional<Problem> checkSources(int format, List<LockedSource> sources, List<LockedPackage> packages) {
        if (format < 2) {
            return sources.isEmpty() ? Optional.empty() : problem("$.sources", "format " + format + " has no sources");
        }
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            Integer earlier = names.putIfAbsent(sources.get(i).name(), i);
            if (earlier != null) {
                return problem("$.sources[" + i + "].name", "duplicate source `" + sources.get(i).name()
                        + "`, also at $.sources[" + earlier + "]");
            }
        }
        for (int i = 0; i < packages.size(); i++) {
            LockedPackage pkg = packages.get(i);
            if (!names.containsKey(pkg.source())) {
                return problem("$.packages[" + i + "].source", "`" + pkg.source() + "` is not a source of this lockfile;"
                        + " sources: " + listed(names.keySet()));
            }
            String urlProblem = pkg.artifact().map(a -> LockedSource.artifactUrlProblem(a.url())).orElse(null);
            if (urlProblem != null) {
                return problem("$.packages[" + i + "].artifact.url", urlProblem);
            }
        }
        return Optional.empty();
    }

    private static String listed(Set<String> names) {
        return names.isEmpty() ? "none" : names.stream().sorted().map(n -> "`" + n + "`")
                .collect(Collectors.joining(", "));
    }

    private static Optional<Problem> problem(String path, String message) {
        return Optional.of(new Problem(path, message));
    }
}
