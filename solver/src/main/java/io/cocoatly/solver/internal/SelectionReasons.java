package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Interruption;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.SelectionExplanation;
import io.cocoatly.solver.SelectionExplanation.Edge;
import io.cocoatly.solver.SelectionExplanation.WhyNot;
import io.cocoatly.solver.SelectionExplanation.WhyNotKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Explains a solved selection: the requirement paths from the root to every selected version, and for
 * each version that is not its package's newest, why not. The why-not is verified by re-solving with
 * the newest version forced (an extra root requirement {@code =v}): no solution gives the conflict; a
 * solution gives the first objective level, measured under the original request, at which it is worse.
 */
public final class SelectionReasons {

    /** Bounds the path search so that dense graphs cannot make it exponential. */
    private static final int MAX_VISITS = 20_000;

    private final PackageIndex index;
    private final ResolveRequest request;
    /** The range matches of the resolver that found the answer, reused by every re-solve here. */
    private final Matches matches;
    private final Map<PackageName, List<PackageId>> selected = new HashMap<>();
    private final Map<PackageId, List<List<Edge>>> paths = new HashMap<>();
    private int visits;
    private Universe universe;

    private SelectionReasons(PackageIndex index, ResolveRequest request, Matches matches) {
        this.index = index;
        this.request = request;
        this.matches = matches;
    }

    /**
     * The explanation of {@code solved}, the answer to {@code request} against {@code index}, with
     * why-nots unless {@code whyNot} is false; {@code matches} are the range matches of the resolver
     * that found it (the same index), reused by the loading and the re-solves here.
     */
    public static SelectionExplanation explain(PackageIndex index, ResolveRequest request, Resolution.Solved solved,
                                               boolean whyNot, Matches matches) {
        SelectionReasons r = new SelectionReasons(index, request, matches);
        for (Resolution.SelectedPackage p : solved.packages()) {
            r.selected.computeIfAbsent(p.id().name(), k -> new ArrayList<>()).add(0, p.id());
        }
        Manifest root = request.root();
        r.walk(root.id(), root.dependencies(), new ArrayList<>(), new HashSet<>(Set.of(root.name())));
        List<SelectionExplanation.Selected> result = new ArrayList<>();
        for (Resolution.SelectedPackage p : solved.packages()) {
            List<List<Edge>> ps = new ArrayList<>(r.paths.getOrDefault(p.id(), List.of()));
            ps.sort(Comparator.<List<Edge>>comparingInt(List::size).thenComparing(Object::toString));
            result.add(new SelectionExplanation.Selected(p.id(), ps,
                    whyNot ? r.whyNot(p.id(), solved) : Optional.empty()));
        }
        return new SelectionExplanation(root.id(), result, request.origins());
    }

    /** Every simple path from the root along selected versions, recorded per package reached. */
    private void walk(PackageId from, List<Dependency> deps, List<Edge> path, Set<PackageName> onPath) {
        for (Dependency d : deps) {
            // The highest selected match, as the solution's bindings report it.
            PackageId to = selected.getOrDefault(d.name(), List.of()).stream()
                    .filter(id -> d.range().contains(id.version())).findFirst().orElse(null);
            if (to == null || onPath.contains(d.name()) || ++visits > MAX_VISITS) {
                continue;
            }
            path.add(new Edge(from, d));
            List<List<Edge>> known = paths.computeIfAbsent(to, k -> new ArrayList<>());
            if (known.size() < SelectionExplanation.MAX_PATHS) {
                known.add(List.copyOf(path));
            }
            onPath.add(d.name());
            walk(to, release(to).map(Release::dependencies).orElse(List.of()), path, onPath);
            onPath.remove(d.name());
            path.remove(path.size() - 1);
        }
    }

    private Universe universe() {
        if (universe == null) {
            Manifest root = request.root();
            universe = Universe.forRoot(index, root.name(), root.dependencies(),
                    Preferences.of(request.preferred(), request.policy()), matches);
        }
        return universe;
    }

    private Optional<Release> release(PackageId id) {
        return index.find(id.name()).flatMap(l -> l.releases().stream()
                .filter(r -> r.version().equals(id.version())).findFirst());
    }

    private Optional<WhyNot> whyNot(PackageId id, Resolution.Solved solved) {
        List<Release> releases = index.find(id.name()).map(l -> l.releases()).orElse(List.of());
        Set<Version> candidates = new HashSet<>();
        universe().get(id.name()).candidates().forEach(c -> candidates.add(c.release().version()));
        List<Version> yankedNewer = universe().get(id.name()).yanked();
        Version newest = null;
        Version newestYanked = null;
        for (Release r : releases) {
            if (r.version().compareTo(id.version()) <= 0
                    || (r.version().isPrerelease() && !request.allowPrereleases())) {
                continue;
            }
            if (r.yanked()) {
                newestYanked = newestYanked == null || r.version().compareTo(newestYanked) > 0 ? r.version() : newestYanked;
            } else {
                newest = newest == null || r.version().compareTo(newest) > 0 ? r.version() : newest;
            }
        }
        for (PackageId other : selected.getOrDefault(id.name(), List.of())) {
            if (newest != null && other.version().compareTo(newest) >= 0) {
                return Optional.empty();
            }
        }
        for (Version y : yankedNewer) {
            if (y.compareTo(id.version()) > 0 && (newestYanked == null || y.compareTo(newestYanked) > 0)) {
                newestYanked = y;
            }
        }
        if (newest == null) {
            return newestYanked == null ? Optional.empty()
                    : Optional.of(new WhyNot(newestYanked, WhyNotKind.YANKED, Optional.empty(), "", List.of()));
        }
        Resolution forced = force(id.name(), newest);
        if (forced instanceof Resolution.Unsatisfiable) {
            return Optional.of(new WhyNot(newest, WhyNotKind.CONFLICT, Optional.of(conflict(id.name(), newest)), "",
                    List.of()));
        }
        if (!candidates.contains(newest)) {
            // No requirement admits it; forcing it anyway only shows a selection the request never allows.
            return Optional.empty();
        }
        Resolution.Solved s = (Resolution.Solved) forced;
        List<PackageId> ids = s.packages().stream().map(Resolution.SelectedPackage::id).toList();
        return Optional.of(new WhyNot(newest, WhyNotKind.TRADE_OFF, Optional.empty(), worseLevel(ids, solved), ids));
    }

    /** Resolves the request with {@code name = version} added as a root requirement; no explanation. */
    Resolution force(PackageName name, Version version) {
        return Resolve.nested(index, forced(name, version), matches);
    }

    /** Why forcing {@code name = version} leaves no solution: the conflict, without fixes. */
    private io.cocoatly.solver.Explanation conflict(PackageName name, Version version) {
        ResolveRequest forced = forced(name, version);
        Manifest root = forced.root();
        Preferences preferred = Preferences.of(forced.preferred(), forced.policy());
        Universe u = Universe.forRoot(index, root.name(), root.dependencies(), preferred, matches);
        Encoding e = Encoder.forResolve(u, root, preferred, forced.policy(), forced.allowPrereleases(), index.name());
        io.cocoatly.solver.Explanation conflict = Explain.conflict(e, index, forced, Budget.of(forced.timeout()));
        // An interrupted search stops early: what it found is no minimal conflict.
        Interruption.check();
        return conflict;
    }

    private ResolveRequest forced(PackageName name, Version version) {
        Manifest root = request.root();
        List<Dependency> deps = new ArrayList<>(root.dependencies());
        deps.add(Dependency.parse(name.value(), "=" + version));
        return new ResolveRequest(new Manifest(root.name(), root.version(), deps),
                request.preferred(), request.policy(), request.allowPrereleases(), request.timeout(), request.origins());
    }

    /** The first objective level, measured under the original request, where {@code forced} is worse. */
    private String worseLevel(List<PackageId> forced, Resolution.Solved solved) {
        Manifest root = request.root();
        Universe u = universe();
        Encoding e = Encoder.forResolve(u, root, Preferences.of(request.preferred(), request.policy()), request.policy(),
                request.allowPrereleases(), index.name());
        boolean[] model = new boolean[e.variables() + 1];
        Set<PackageId> chosen = new HashSet<>(forced);
        for (int v = 1; v <= e.candidates(); v++) {
            model[v] = chosen.contains(e.id(v));
        }
        long[] costs = e.costs(model);
        for (int i = 0; i < costs.length && i < solved.objective().size(); i++) {
            if (costs[i] > solved.objective().get(i)) {
                return Encoder.LEVELS.get(i);
            }
            if (costs[i] < solved.objective().get(i)) {
                return "tie";
            }
        }
        return "tie";
    }
}
