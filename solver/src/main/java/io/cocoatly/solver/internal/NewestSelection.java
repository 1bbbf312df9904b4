package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.Statistics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The answer when the newest release of every package reached meets every requirement met: found by
 * following only the releases it selects, as pubgrub decides only the packages it selects, instead of
 * loading every version some range admits.
 *
 * <p>Let N(q) be the release of q that ranks first among all of q's releases that may satisfy a
 * requirement (not yanked; the order of {@link Objectives#ranks}). Start from the root's requirements;
 * for each requirement on q select N(q), and follow the requirements of what is selected. If every
 * requirement met along the way contains the selected release of its package (or, into the root or
 * the package itself, that version), the selection G is closed, and it is the one optimum:
 *
 * <ul>
 *   <li>every candidate set C(q) is a subset of q's satisfying releases and holds N(q) (a requirement
 *       of G, which the loader follows, admits it), so rank(N(q)) = 0: G costs 0 on both rank levels,
 *       and 0 preferred changes when nothing is preferred;</li>
 *   <li>a solution S as good selects only rank-0 versions, so for each package at most one version, N(q)
 *       where it selects q. By induction along G's requirements (each satisfied in S by S's only version
 *       of its package, which must be N(q)), S ⊇ G; at the packages level |S| ≤ |G|, so S = G.</li>
 * </ul>
 *
 * <p>So the objective is (0, 0, 0, |G|), proven without a bound or a solver call. Over the 300 most
 * depended-on crates.io crates, 179 roots end here. When a requirement does not contain its package's
 * newest release, or a package is missing, the walk stops. Such a requirement fails every walk that
 * reaches it, whatever the root, so the walk goes depth first and notes in the resolver's
 * {@link Matches} each release on its path to one: a later walk stops at the first of them it meets,
 * after a look at the root's requirements alone when one of theirs is noted (a requirement on the
 * root itself is a matter of that root, and notes nothing).
 *
 * <p>The same walk among a loaded {@link Universe}'s candidates, each package's candidate of rank 0 in
 * place of N(q), is the same proof with C(q) in place of every release. It answers where the newest
 * releases fail only because no requirement admits them ({@code semver} 0.9.0 requires
 * {@code semver-parser ^0.7}, older than the newest 0.9.0), and spares those roots the encoding and the
 * bounds: 80 more of the top 300, 6,468 of the 9,437 versions of those crates. Where it stops too, the
 * full resolution runs.
 */
final class NewestSelection {

    /**
     * A proven answer: {@code packages} as {@link Resolution.Solved#packages()} lists them, and how many
     * packages were asked of the index.
     */
    record Found(List<Resolution.SelectedPackage> packages, int packagesLooked) {

        /** Its cost at each of {@link Encoder#LEVELS}: 0 preferred changes, ranks 0, and its packages. */
        List<Long> objective() {
            return List.of(0L, 0L, 0L, (long) packages.size());
        }

        /**
         * The answer, proven optimal, with no encoding built: {@code load} the time until the walk
         * that found it started, {@code solve} that walk's.
         */
        Resolution.Solved solved(Duration load, Duration solve) {
            return new Resolution.Solved(packages, true, objective(),
                    new Statistics(packagesLooked, 0, 0, 0, load, Duration.ZERO, solve));
        }
    }

    /** A selected release: its package's cached matches, its position there, and the release. */
    private record Selected(Matches.Listing listing, int position, Release release) {
    }

    private final PackageIndex index;
    /** The candidates to choose among, once loaded; null: every release of the index. */
    private final Universe universe;
    private final Manifest root;
    private final boolean allowPrereleases;
    private final Matches matches;
    private final Map<PackageName, Selected> selected = new HashMap<>();
    /** The releases being followed, depth first: each reaches the next through a requirement. */
    private final ArrayDeque<Selected> path = new ArrayDeque<>();
    /** Per release on {@link #path}, the index of its next requirement to look at. */
    private int[] next = new int[16];
    private int looked;

    private NewestSelection(PackageIndex index, Universe universe, Manifest root, boolean allowPrereleases,
                            Matches matches) {
        this.index = index;
        this.universe = universe;
        this.root = root;
        this.allowPrereleases = allowPrereleases;
        this.matches = matches;
    }

    /**
     * The one optimum of resolving {@code root} with nothing preferred, if the newest releases meet every
     * requirement they reach; else empty, and the caller resolves in full. {@code matches} keeps, across
     * the resolutions of one resolver, which releases lead such a walk to a requirement that leaves a
     * newest release out, so that a later walk stops where it meets one.
     */
    static Optional<Found> find(PackageIndex index, Manifest root, boolean allowPrereleases, Matches matches) {
        return new NewestSelection(index, null, root, allowPrereleases, matches).walk();
    }

    /**
     * The same walk among the candidates of {@code universe}, loaded for {@code root}: each package's
     * release of rank 0 ({@link Objectives#ranks}) in place of its newest, the same proof with the
     * candidates in place of every release. It answers where the newest releases fail only because no
     * requirement admits them: then the answer is proven without an encoding.
     */
    static Optional<Found> find(Universe universe, Manifest root, boolean allowPrereleases) {
        return new NewestSelection(null, universe, root, allowPrereleases, null).walk();
    }

    private Optional<Found> walk() {
        // Each requirement of the root first, so that a walk an earlier one noted as failing stops
        // before following anything.
        List<Dependency> requirements = root.dependencies();
        Selected[] direct = new Selected[requirements.size()];
        for (int j = 0; j < direct.length; j++) {
            Dependency d = requirements.get(j);
            if (d.name().equals(root.name())) {
                if (!d.range().contains(root.version())) {
                    return Optional.empty();
                }
                continue;
            }
            Selected s = newest(d.name());
            if (s == null || !d.range().contains(s.release().version()) || noted(s)) {
                return Optional.empty();
            }
            direct[j] = s;
        }
        for (Selected s : direct) {
            if (s != null && !selected.containsKey(s.release().name()) && !follow(s)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Found(answer(), universe == null ? looked : universe.loaded()));
    }

    /**
     * Selects {@code start} and follows what it needs, depth first; false at the first requirement its
     * package's selected release does not meet. Such a requirement, unless it is on the root, fails
     * whatever the root: every release on the path to it is then noted as leading there.
     */
    private boolean follow(Selected start) {
        selected.put(start.release().name(), start);
        push(start);
        while (!path.isEmpty()) {
            Selected at = path.peek();
            List<Dependency> dependencies = at.release().dependencies();
            int j = next[path.size() - 1]++;
            if (j == dependencies.size()) {
                path.pop();
                continue;
            }
            Dependency d = dependencies.get(j);
            if (d.name().equals(root.name())) {
                if (!d.range().contains(root.version())) {
                    return false; // a matter of this root only: nothing is noted
                }
                continue;
            }
            if (d.name().equals(at.release().name())) {
                if (!d.range().contains(at.release().version())) {
                    return doomPath();
                }
                continue;
            }
            Selected s = selected.get(d.name());
            boolean isNew = s == null;
            if (isNew) {
                s = newest(d.name());
                if (s == null) {
                    return doomPath();
                }
            }
            if (!d.range().contains(s.release().version()) || isNew && noted(s)) {
                return doomPath();
            }
            if (isNew) {
                selected.put(d.name(), s);
                push(s);
            }
        }
        return true;
    }

    private void push(Selected s) {
        if (path.size() == next.length) {
            next = java.util.Arrays.copyOf(next, next.length * 2);
        }
        next[path.size()] = 0;
        path.push(s);
    }

    /** Whether an earlier walk noted {@code s} as leading to a stale requirement. */
    private boolean noted(Selected s) {
        return universe == null && s.listing().doomed(s.position(), allowPrereleases);
    }

    /**
     * Notes every release on the path as leading to a stale requirement (not among a universe's
     * candidates, which are this root's); false, the walk's answer.
     */
    private boolean doomPath() {
        if (universe == null) {
            for (Selected s : path) {
                s.listing().doom(s.position(), allowPrereleases);
            }
        }
        return false;
    }

    /**
     * The first-ranked release of {@code name} that may satisfy a requirement (among its candidates,
     * in a universe), or null if none.
     */
    private Selected newest(PackageName name) {
        if (universe != null) {
            Universe.Package p = universe.get(name);
            int first = Objectives.firstRanked(p.releases(), p.positions(), allowPrereleases);
            return first < 0 ? null : new Selected(null, p.positions()[first], p.releases().get(p.positions()[first]));
        }
        looked++;
        Optional<PackageListing> listing = index.find(name);
        if (listing.isEmpty()) {
            return null;
        }
        Matches.Listing cached = matches.listing(name, listing.get().releases());
        int first = cached.firstRanked(allowPrereleases);
        return first < 0 ? null : new Selected(cached, first, cached.releases().get(first));
    }

    /**
     * The selection as the full resolution reports it: sorted by name, each with the versions its
     * requirements resolved to, in sorted order, as {@link Encoding#bindings} gives them.
     */
    private List<Resolution.SelectedPackage> answer() {
        Set<PackageName> direct = new HashSet<>();
        for (Dependency d : root.dependencies()) {
            direct.add(d.name());
        }
        List<PackageName> names = new ArrayList<>(selected.keySet());
        names.sort(null);
        List<Resolution.SelectedPackage> packages = new ArrayList<>(names.size());
        PackageId rootId = root.id();
        for (PackageName name : names) {
            Release r = selected.get(name).release();
            List<PackageId> bindings = new ArrayList<>(r.dependencies().size());
            for (Dependency d : r.dependencies()) {
                bindings.add(d.name().equals(root.name()) ? rootId
                        : d.name().equals(name) ? r.id() : selected.get(d.name()).release().id());
            }
            bindings.sort(null);
            packages.add(new Resolution.SelectedPackage(r.id(), direct.contains(name), bindings));
        }
        return packages;
    }
}
