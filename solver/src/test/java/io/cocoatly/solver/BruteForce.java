package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An independent oracle for small registries, written from the rules and sharing no code with
 * the solver: a checker for a selection, the objective vector of a selection, and exhaustive search
 * for the lexicographically smallest one.
 */
final class BruteForce {

    private final Map<PackageName, List<Release>> registry;
    private final ResolveRequest request;
    private final Manifest root;
    private final Map<PackageName, List<Release>> candidates = new TreeMap<>();

    BruteForce(Map<PackageName, List<Release>> registry, ResolveRequest request) {
        this.registry = registry;
        this.request = request;
        this.root = request.root();
        computeCandidates();
    }

    private boolean allowed(Release r) {
        return !r.yanked() || request.preferred().contains(r.id());
    }

    /** Naive fixpoint: a version is a candidate if an edge from the root or a candidate can select it. */
    private void computeCandidates() {
        Set<PackageId> cand = new TreeSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            List<Dependency> edges = new ArrayList<>(root.dependencies());
            List<PackageName> froms = new ArrayList<>();
            root.dependencies().forEach(d -> froms.add(root.name()));
            for (PackageId id : cand) {
                for (Dependency d : release(id).dependencies()) {
                    edges.add(d);
                    froms.add(id.name());
                }
            }
            for (int i = 0; i < edges.size(); i++) {
                Dependency d = edges.get(i);
                if (d.name().equals(root.name()) || d.name().equals(froms.get(i))) {
                    continue;
                }
                for (Release r : registry.getOrDefault(d.name(), List.of())) {
                    if (allowed(r) && d.range().contains(r.version()) && cand.add(r.id())) {
                        changed = true;
                    }
                }
            }
        }
        for (PackageId id : cand) {
            candidates.computeIfAbsent(id.name(), k -> new ArrayList<>()).add(release(id));
        }
        candidates.values().forEach(l -> l.sort(Comparator.comparing(Release::version)));
    }

    private Release release(PackageId id) {
        return registry.get(id.name()).stream().filter(r -> r.version().equals(id.version())).findFirst()
                .orElseThrow();
    }

    /** Why the selection breaks a rule, or null if it is a solution. */
    String violation(List<PackageId> selected) {
        for (Dependency d : root.dependencies()) {
            if (!satisfied(d, root.id(), selected)) {
                return "root requirement " + d;
            }
        }
        Map<String, PackageId> slots = new HashMap<>();
        for (PackageId s : selected) {
            if (!registry.containsKey(s.name()) || registry.get(s.name()).stream()
                    .noneMatch(r -> r.version().equals(s.version()))) {
                return s + " does not exist";
            }
            Release r = release(s);
            if (!allowed(r)) {
                return s + " is yanked";
            }
            String slot = s.name() + (request.policy() == VersionPolicy.SEMVER_MAJOR
                    ? "/" + s.version().compatibilityClass() : "");
            if (slots.put(slot, s) != null) {
                return "two versions in " + slot;
            }
            for (Dependency d : r.dependencies()) {
                if (!satisfied(d, s, selected)) {
                    return s + " -> " + d;
                }
            }
        }
        return null;
    }

    private boolean satisfied(Dependency d, PackageId from, List<PackageId> selected) {
        if (d.name().equals(root.name())) {
            return d.range().contains(root.version());
        }
        if (d.name().equals(from.name())) {
            return d.range().contains(from.version());
        }
        return selected.stream().anyMatch(s -> s.name().equals(d.name()) && d.range().contains(s.version())
                && allowed(release(s)));
    }

    int rank(PackageId id) {
        List<Release> list = new ArrayList<>(candidates.get(id.name()));
        list.sort(Comparator.comparing((Release r) -> !request.allowPrereleases() && r.version().isPrerelease())
                .thenComparing(Release::version, Comparator.reverseOrder()));
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).version().equals(id.version())) {
                return i;
            }
        }
        throw new IllegalArgumentException(id + " is not a candidate");
    }

    /**
     * Whether selecting {@code s} replaces a preferred version: one of the same package, of the same
     * compatibility class under semver-major.
     */
    private boolean isChange(PackageId s) {
        boolean perClass = request.policy() == VersionPolicy.SEMVER_MAJOR;
        return !request.preferred().contains(s) && request.preferred().stream().anyMatch(p -> p.name().equals(s.name())
                && (!perClass || p.version().compatibilityClass().equals(s.version().compatibilityClass())));
    }

    List<Long> objective(List<PackageId> selected) {
        Set<PackageName> direct = new TreeSet<>();
        root.dependencies().forEach(d -> direct.add(d.name()));
        long changes = 0;
        long directRank = 0;
        long transitiveRank = 0;
        for (PackageId s : selected) {
            if (isChange(s)) {
                changes++;
            }
            if (direct.contains(s.name())) {
                directRank += rank(s);
            } else {
                transitiveRank += rank(s);
            }
        }
        return List.of(changes, directRank, transitiveRank, (long) selected.size());
    }

    /** The smallest objective over all solutions, or null if there is none. */
    List<Long> optimum() {
        List<List<List<PackageId>>> options = new ArrayList<>();
        for (List<Release> versions : candidates.values()) {
            options.add(subsets(versions));
        }
        List<Long>[] best = new List[1];
        search(options, 0, new ArrayList<>(), best);
        return best[0];
    }

    private void search(List<List<List<PackageId>>> options, int i, List<PackageId> chosen, List<Long>[] best) {
        if (i == options.size()) {
            if (violation(chosen) == null) {
                List<Long> o = objective(chosen);
                if (best[0] == null || compare(o, best[0]) < 0) {
                    best[0] = o;
                }
            }
            return;
        }
        for (List<PackageId> option : options.get(i)) {
            chosen.addAll(option);
            search(options, i + 1, chosen, best);
            chosen.subList(chosen.size() - option.size(), chosen.size()).clear();
        }
    }

    /** Every set of versions the policy allows together: at most one per package, or per class. */
    private List<List<PackageId>> subsets(List<Release> versions) {
        List<List<PackageId>> result = new ArrayList<>();
        int n = versions.size();
        for (int mask = 0; mask < 1 << n; mask++) {
            List<PackageId> subset = new ArrayList<>();
            Set<String> classes = new TreeSet<>();
            boolean ok = true;
            for (int b = 0; b < n; b++) {
                if ((mask & 1 << b) != 0) {
                    Version v = versions.get(b).version();
                    String cls = request.policy() == VersionPolicy.SEMVER_MAJOR ? v.compatibilityClass() : "";
                    ok &= classes.add(cls);
                    subset.add(versions.get(b).id());
                }
            }
            if (ok) {
                result.add(subset);
            }
        }
        return result;
    }

    static int compare(List<Long> a, List<Long> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
