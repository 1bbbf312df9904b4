package io.cocoatly.solver.internal;

import io.cocoatly.model.Interruption;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.CheckReport;
import io.cocoatly.solver.VersionCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Installability of every version of a set of packages, dose-distcheck style. The reachable registry
 * is encoded once ({@link Encoder#forCheck}); each version {@code p@v} not yet known installable is
 * then settled by the cheapest step that can:
 *
 * <ol>
 *   <li>a direct cause: excluded, or a dependency whose every match is known uninstallable;</li>
 *   <li>a greedy walk from {@code v} ({@link CheckGreedy}) that finds a solution without search;</li>
 *   <li>one solver call under the assumptions {@code r(p), x(p,v)}, in the solver for {@code p}'s
 *       dependency closure only ({@link CheckPartition}): sat4j's per-call work grows with the formula
 *       it holds.</li>
 * </ol>
 *
 * <p>A solution proves more than {@code p@v}: every non-yanked {@code q@w} in it whose part of it holds
 * no other version of {@code q} is installable too ({@link ModelWalk}), so most versions never need a
 * step of their own. When the root is yanked only it is marked, since others resolved as roots could
 * not use it.
 *
 * <p>For an uninstallable version the reason is its direct cause when one of its dependencies has no
 * candidate at all; otherwise it is resolved once more as a root with every constraint guarded, and
 * the dependencies in a minimal conflict ({@link Explainer}) are named. That second resolution is
 * most of the time of a check whose registry has many uninstallable versions, so it is made only when
 * the reasons are asked for; the verdicts never depend on it.
 */
public final class Check {

    private Check() {
    }

    /**
     * Checks every version of {@code packages}; with {@code explain}, each uninstallable version gets
     * its reason, else every reason is empty. The reasons' resolutions match ranges through
     * {@code matches} (the resolver's): they meet the same ranges over the same listings again and again.
     */
    public static CheckReport run(PackageIndex index, Collection<PackageName> packages, VersionPolicy policy,
                                  boolean explain, Matches matches) {
        long start = System.nanoTime();
        Universe universe = Universe.forCheck(index, packages);
        Encoding e = Encoder.forCheck(universe, packages, policy, index.name());
        int[][] graph = CheckOrder.packageGraph(e, universe.names().size());
        Partitions partitions = new Partitions(e, universe, graph);
        int n = e.candidates();
        boolean[] installable = new boolean[n + 1];
        boolean[] uninstallable = new boolean[n + 1];
        String[] reasons = new String[n + 1];
        boolean cascade = policy == VersionPolicy.ONE_PER_PACKAGE;
        boolean[] dead = dead(e);
        CheckGreedy greedy = new CheckGreedy(e, yankedReleases(e, universe));
        ModelWalk walk = new ModelWalk(e);
        for (PackageName name : CheckOrder.dependenciesFirst(e, universe, graph)) {
            Interruption.check();
            int marker = e.rootMarkers.get(name);
            Universe.Package p = universe.get(name);
            int first = p.size() == 0 ? 0 : indexOf(e, p.release(0).id());
            for (int i = 0; i < p.size(); i++) {
                Release release = p.release(i);
                int v = first + i;
                if (installable[v]) {
                    continue;
                }
                if (e.excluded[v]) {
                    uninstallable[v] = true;
                    reasons[v] = CheckReasons.withoutSubject(release.id(), e.exclusion[v].describe());
                    continue;
                }
                if ((reasons[v] = cascadeReason(e, v, dead)) != null) {
                    dead[v] = true;
                    uninstallable[v] = true;
                    continue;
                }
                if (cascade && !release.yanked() && (reasons[v] = cascadeReason(e, v, uninstallable)) != null) {
                    uninstallable[v] = true;
                    continue;
                }
                boolean[] easy = greedy.solve(v, dead);
                if (easy != null) {
                    installable[v] = true;
                    if (!release.yanked()) {
                        walk.mark(easy, greedy.chosen(), greedy.size(), installable);
                    }
                    continue;
                }
                CheckPartition part = partitions.forMarker(marker);
                Sat.Answer answer = part.solve(marker, v, wanted(e, installable));
                // An interrupted call answers UNKNOWN, which is no verdict: stop before recording one.
                Interruption.check();
                if (answer == Sat.Answer.SAT) {
                    boolean[] model = part.model(e.variables());
                    installable[v] = true;
                    if (!release.yanked()) {
                        walk.mark(model, installable);
                    }
                } else {
                    uninstallable[v] = true;
                    if (!contains(part.explanation(), marker)) {
                        // The conflict does not need v to be the root: no model selects v at all.
                        dead[v] = true;
                        partitions.exclude(v);
                    }
                }
            }
            partitions.done(marker);
        }
        if (explain) {
            for (int v = 1; v <= n; v++) {
                if (uninstallable[v] && reasons[v] == null) {
                    Release release = universe.get(e.id(v).name()).release(v - firstOf(e, v));
                    reasons[v] = cascade && !release.yanked() ? cascadeReason(e, v, uninstallable) : null;
                    if (reasons[v] == null) {
                        reasons[v] = CheckReasons.explain(index, release, policy, matches);
                        Interruption.check();
                    }
                }
            }
        }
        List<VersionCheck> results = new ArrayList<>();
        for (PackageName name : e.rootMarkers.keySet()) {
            Universe.Package p = universe.get(name);
            for (int i = 0; i < p.size(); i++) {
                PackageId id = p.release(i).id();
                int v = indexOf(e, id);
                results.add(new VersionCheck(id, installable[v],
                        explain ? Optional.ofNullable(reasons[v]) : Optional.empty()));
            }
        }
        return new CheckReport(results, partitions.calls(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Under one version per package, a non-yanked version with a dependency whose every match is
     * uninstallable is itself uninstallable: in a solution for it, the part a match reaches would be a
     * solution for that match. Returns the reason, or null. (Not so under semver-major, where a match
     * may need a second version of its own package that only a different root allows.)
     */
    private static String cascadeReason(Encoding e, int v, boolean[] uninstallable) {
        for (Encoding.Edge edge : e.edges.get(v)) {
            if (edge.fixed() != null) {
                continue;
            }
            boolean all = true;
            for (int t : edge.targets()) {
                all &= uninstallable[t];
            }
            if (all) {
                return "no installable version of `" + edge.dependency().name() + "` matches `"
                        + edge.dependency().requirement() + "`";
            }
        }
        return null;
    }

    /**
     * Versions no model can select, whatever the root: excluded ones, and, to a fixpoint, those with a
     * dependency whose every match is dead. This is the unit propagation a solver would do at level 0,
     * done once instead of once per call.
     */
    private static boolean[] dead(Encoding e) {
        boolean[] dead = e.excluded.clone();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int v = 1; v <= e.candidates(); v++) {
                if (!dead[v] && cascadeReason(e, v, dead) != null) {
                    dead[v] = true;
                    changed = true;
                }
            }
        }
        return dead;
    }

    /** Whether each candidate is a yanked release; candidates are numbered in the universe's order. */
    private static boolean[] yankedReleases(Encoding e, Universe universe) {
        boolean[] yanked = new boolean[e.candidates() + 1];
        int v = 1;
        for (Universe.Package p : universe.packages().values()) {
            for (int i = 0, size = p.size(); i < size; i++) {
                yanked[v++] = p.release(i).yanked();
            }
        }
        return yanked;
    }

    private static boolean contains(int[] literals, int literal) {
        for (int l : literals) {
            if (l == literal) {
                return true;
            }
        }
        return false;
    }

    private static int firstOf(Encoding e, int v) {
        int first = v;
        while (first > 1 && e.packageOf[first - 1] == e.packageOf[v]) {
            first--;
        }
        return first;
    }

    /**
     * The phase guide for the next call: every version not yet known installable is wanted, so the
     * model takes in as many of them as the constraints allow, one per package or class. Asked only
     * of the partition's variables: an array over the whole encoding, made for each call, was a
     * tenth of a one-version-per-package check of crates.io.
     */
    private static IntPredicate wanted(Encoding e, boolean[] installable) {
        return v -> v <= e.candidates() && !installable[v] && !e.excluded[v];
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

}
