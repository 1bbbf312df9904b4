package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.solver.CheckReport;
import io.cocoatly.solver.VersionCheck;
import io.cocoatly.solver.VersionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installability of every version of a set of packages, dose-distcheck style: the reachable registry
 * is encoded once ({@link Encoder#forCheck}), then each version {@code p@v} not yet known installable
 * is decided by one call under the assumptions {@code r(p), x(p,v)}. A satisfying model proves more
 * than {@code p@v}: every non-yanked {@code x(q,w)} true in it, where {@code w} is the only version of
 * {@code q} in the model, is installable too (the part of the model it reaches is a solution with
 * {@code q@w} as root), so most versions never need a call of their own. When the root is yanked only
 * it is marked, since others resolved as roots could not use it.
 *
 * <p>For an uninstallable version the reason is its direct cause when one of its dependencies has no
 * candidate at all; otherwise it is resolved once more as a root with every constraint guarded, and
 * the dependencies in a minimal conflict ({@link Explainer}) are named.
 */
public final class Check {

    private Check() {
    }

    public static CheckReport run(PackageIndex index, Collection<PackageName> packages, VersionPolicy policy) {
        long start = System.nanoTime();
        Universe universe = Universe.forCheck(index, packages);
        Encoding e = Encoder.forCheck(universe, packages, policy, index.name());
        Budget unlimited = Budget.of(Optional.empty());
        Sat sat = new Sat(e.variables(), unlimited);
        sat.addAll(e.constraints);
        int n = e.candidates();
        boolean[] installable = new boolean[n + 1];
        String[] reasons = new String[n + 1];
        for (Map.Entry<PackageName, Integer> root : e.rootMarkers.entrySet()) {
            Universe.Package p = universe.get(root.getKey());
            for (Universe.Candidate c : p.candidates()) {
                int v = indexOf(e, c.release().id());
                if (installable[v]) {
                    continue;
                }
                if (e.excluded[v]) {
                    reasons[v] = withoutSubject(c.release().id(), e.exclusion[v].describe());
                    continue;
                }
                Sat.Answer answer = sat.solve(root.getValue(), v);
                if (answer == Sat.Answer.SAT) {
                    boolean[] model = sat.model(e.variables());
                    installable[v] = true;
                    if (!c.release().yanked()) {
                        markModel(e, model, installable);
                    }
                } else {
                    reasons[v] = explain(index, c.release(), policy);
                }
            }
        }
        List<VersionCheck> results = new ArrayList<>();
        for (PackageName name : e.rootMarkers.keySet()) {
            for (Universe.Candidate c : universe.get(name).candidates()) {
                int v = indexOf(e, c.release().id());
                results.add(new VersionCheck(c.release().id(), installable[v], Optional.ofNullable(reasons[v])));
            }
        }
        return new CheckReport(results, sat.calls(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static void markModel(Encoding e, boolean[] model, boolean[] installable) {
        int v = 1;
        int n = e.candidates();
        while (v <= n) {
            int end = v;
            int selected = 0;
            int count = 0;
            while (end <= n && e.packageOf[end] == e.packageOf[v]) {
                if (model[end]) {
                    selected = end;
                    count++;
                }
                end++;
            }
            if (count == 1) {
                installable[selected] = true;
            }
            v = end;
        }
    }

    private static int indexOf(Encoding e, PackageId id) {
        int lo = 1;
        int hi = e.candidates();
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = e.id(mid).compareTo(id);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        throw new IllegalStateException("not a candidate: " + id);
    }

    /** "`p@v` depends on ..." reads "depends on ..." in a line that already starts with p@v. */
    private static String withoutSubject(PackageId id, String text) {
        String subject = "`" + id + "` ";
        return text.startsWith(subject) ? text.substring(subject.length()) : text;
    }

    /** Resolves {@code release} as a root with guarded constraints and names a minimal conflict. */
    static String explain(PackageIndex index, Release release, VersionPolicy policy) {
        Manifest root = new Manifest(release.name(), release.version(), release.dependencies());
        Universe universe = Universe.forRoot(index, root.name(), root.dependencies(), Map.of());
        Encoding e = Encoder.forResolve(universe, root, Map.of(), policy, true, index.name());
        return describe(release.id(), Explainer.conflict(e, Budget.of(Optional.empty())));
    }

    /** The dependencies of {@code root} in the conflict, and the packages it is about. */
    static String describe(PackageId root, List<Reason> conflict) {
        List<String> dependencies = new ArrayList<>();
        List<String> over = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        for (Reason r : conflict) {
            Dependency d = rootDependency(root, r);
            if (d != null) {
                dependencies.add("`" + d + "`");
            } else if (r instanceof Reason.AtMostOneVersion a) {
                over.add("`" + a.name() + "`");
            } else if (!(r instanceof Reason.DependencyOf)) {
                facts.add(withoutSubject(root, r.describe()));
            }
        }
        StringBuilder text = new StringBuilder();
        if (dependencies.size() == 1) {
            text.append("dependency ").append(dependencies.get(0)).append(" cannot be satisfied");
        } else {
            text.append("dependencies ").append(String.join(", ", dependencies)).append(" cannot be satisfied together");
        }
        if (!over.isEmpty()) {
            text.append(" (conflict over ").append(String.join(", ", over)).append(')');
        }
        for (String fact : facts) {
            text.append("; ").append(fact);
        }
        return text.toString();
    }

    private static Dependency rootDependency(PackageId root, Reason r) {
        if (r instanceof Reason.RootRequirement q) {
            return q.dependency();
        }
        if (r instanceof Reason.Missing m && m.from().equals(root)) {
            return m.dependency();
        }
        if (r instanceof Reason.NoMatch m && m.from().equals(root)) {
            return m.dependency();
        }
        if (r instanceof Reason.SelfConflict s && s.from().equals(root)) {
            return s.dependency();
        }
        return null;
    }
}
