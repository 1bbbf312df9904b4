package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.solver.Explanation;
import io.cocoatly.solver.Explanation.Fact;
import io.cocoatly.solver.Explanation.Kind;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link Explanation} of an unsatisfiable encoding: the minimal conflict in user terms
 * ({@link FactCore}), simplified ({@link Simplify}), its derivation ({@link Deriver}) and verified fixes.
 *
 * <p>Fixes are minimal correction sets over the root's requirements, smallest first: a set of
 * requirements whose change makes the manifest solvable, no proper subset of which does. Each
 * requirement in a set is either relaxed (to a caret on the version the solver picks when the range
 * is lifted) or dropped; every fix is re-solved and shown with what it would select. Only the root
 * requirements the conflict names are changed alone, and every pair holds one of them: a change
 * elsewhere leaves the conflict as it is.
 */
public final class Explain {

    /** At most this many fixes are suggested. */
    static final int MAX_SUGGESTIONS = 5;

    /**
     * Wall-clock budget for finding fixes, and for one re-solve. Verifying a fix needs a solution, not
     * the optimum, so a re-solve that runs out of time still counts with the best selection found; one
     * that finds none is skipped. Fixes found after the total budget are left out.
     */
    static final java.time.Duration FIX_BUDGET = java.time.Duration.ofMillis(500);
    static final java.time.Duration RESOLVE_BUDGET = java.time.Duration.ofMillis(150);

    private Explain() {
    }

    /**
     * The conflict, its derivation and verified fixes; each fix is re-solved reusing {@code matches},
     * the range matches of the resolution that found the conflict (the same index).
     */
    static Explanation unsatisfiable(Encoding e, PackageIndex index, ResolveRequest request, Budget budget,
                                     Matches matches) {
        // A fix that drops requirements leaves some only where the project has two or more: only then is
        // the solver over every fact kept, to tell the fixes that cannot work (FactCore.Conflict).
        List<FactCore.Grouped> found;
        java.util.function.Predicate<List<Dependency>> cannotWork;
        if (request.root().dependencies().size() > 1) {
            FactCore.Conflict conflict = FactCore.analyse(e, index, budget);
            found = conflict.facts();
            // Asked of a requirement before relaxing it and again before dropping it: answered once.
            java.util.Map<Set<Dependency>, Boolean> known = new java.util.HashMap<>();
            cannotWork = drop -> known.computeIfAbsent(Set.copyOf(drop), k -> conflict.holdsWithout(drop));
        } else {
            found = FactCore.find(e, index, budget);
            cannotWork = drop -> false;
        }
        List<FactCore.Grouped> core = Simplify.merge(found, e, index, budget);
        return new Explanation(request.root().id(), facts(core), Deriver.derive(core, e, index),
                suggestions(core, cannotWork, index, request, matches), request.origins());
    }

    /**
     * The conflict and its derivation without fixes: a why-not names what rules a version out, and the
     * fix search (a re-solve per candidate fix) would cost far more than the conflict itself.
     */
    static Explanation conflict(Encoding e, PackageIndex index, ResolveRequest request, Budget budget) {
        List<FactCore.Grouped> core = core(e, index, budget);
        return new Explanation(request.root().id(), facts(core), Deriver.derive(core, e, index), List.of(),
                request.origins());
    }

    /** Minimal core, then simplification: data to simplified data, before anything is derived or said. */
    private static List<FactCore.Grouped> core(Encoding e, PackageIndex index, Budget budget) {
        return Simplify.merge(FactCore.find(e, index, budget), e, index, budget);
    }

    private static List<Fact> facts(List<FactCore.Grouped> core) {
        return core.stream().map(FactCore.Grouped::fact).toList();
    }

    private static List<Explanation.Suggestion> suggestions(List<FactCore.Grouped> core,
                                                            java.util.function.Predicate<List<Dependency>> cannotWork,
                                                            PackageIndex index, ResolveRequest original,
                                                            Matches matches) {
        ResolveRequest request = original.withTimeout(original.timeout().filter(t -> t.compareTo(RESOLVE_BUDGET) < 0)
                .orElse(RESOLVE_BUDGET));
        long deadline = System.nanoTime() + FIX_BUDGET.toNanos();
        Manifest root = request.root();
        // Only a requirement the conflict names can be part of a fix. Its other facts hold whatever
        // else the root requires: each is a registry fact about versions its own root requirements
        // reach, and a range matches the same versions whatever else is loaded (an at-most-one over
        // more candidates still holds over these). So with the conflict's requirements unchanged it
        // stays unsatisfiable: a single change is tried on those alone, and a pair holds one at least.
        // Every change tried elsewhere was a re-solve of the whole project that could not succeed: the
        // 300 top crates.io crates pinned together (one conflict among several) took 506–526 ms to
        // explain, 188–259 ms without them, the same explanation (benchmarks/run.sh speed, row (d),
        // five runs each; docs/performance.md). Over 7,003 unsatisfiable random
        // cases, both policies, the fixes found were the same with and without this (a throwaway
        // comparison). A conflict that names none (cut short by its budget) prunes nothing.
        Set<Dependency> named = new LinkedHashSet<>();
        for (FactCore.Grouped g : core) {
            if (g.fact().pkg().equals(root.name()) && g.dependency() != null && g.fact().kind() != Kind.DEPENDENCY) {
                named.add(g.dependency());
            }
        }
        Set<Dependency> ordered = new LinkedHashSet<>(named);
        ordered.addAll(root.dependencies());
        List<Dependency> deps = new ArrayList<>(ordered);
        List<Dependency> singles = named.isEmpty() ? deps : List.copyOf(named);
        List<Explanation.Suggestion> found = new ArrayList<>();
        List<Set<Dependency>> corrections = new ArrayList<>();
        for (Dependency d : singles) {
            if (found.size() >= MAX_SUGGESTIONS || System.nanoTime() > deadline) {
                break;
            }
            Explanation.Suggestion relaxed = relax(cannotWork, index, request, d, matches);
            if (relaxed != null) {
                found.add(relaxed);
                corrections.add(Set.of(d));
            }
        }
        for (Dependency d : singles) {
            if (found.size() >= MAX_SUGGESTIONS || System.nanoTime() > deadline) {
                break;
            }
            Optional<List<PackageId>> result = dropped(cannotWork, index, request, List.of(d), matches);
            if (result.isPresent()) {
                found.add(new Explanation.Suggestion("drop the dependency on `" + d.name() + "`", List.of(d),
                        List.of(Optional.empty()), result.get()));
                corrections.add(Set.of(d));
            }
        }
        int limit = Math.min(deps.size(), 8);
        for (int i = 0; i < limit && found.size() < MAX_SUGGESTIONS && System.nanoTime() < deadline; i++) {
            for (int j = i + 1; j < limit && found.size() < MAX_SUGGESTIONS; j++) {
                Set<Dependency> pair = Set.of(deps.get(i), deps.get(j));
                Dependency a = deps.get(i).compareTo(deps.get(j)) < 0 ? deps.get(i) : deps.get(j);
                Dependency b = a == deps.get(i) ? deps.get(j) : deps.get(i);
                if (corrections.stream().anyMatch(pair::containsAll)
                        || !named.isEmpty() && !named.contains(a) && !named.contains(b)) {
                    continue;
                }
                Optional<List<PackageId>> result = dropped(cannotWork, index, request, List.copyOf(pair), matches);
                if (result.isPresent()) {
                    found.add(new Explanation.Suggestion("drop the dependencies on `" + a.name() + "` and `"
                            + b.name() + "`", List.of(a, b), List.of(Optional.empty(), Optional.empty()), result.get()));
                    corrections.add(pair);
                }
            }
        }
        return found;
    }

    /**
     * The selection of the project without the requirements {@code drop}, if there is one. Where the
     * encoding without them still has no model ({@code cannotWork}: another conflict than the one these
     * requirements take part in), that project has none either ({@link FactCore.Conflict#holdsWithout}),
     * and it is not loaded and solved: in a large project with several conflicts most fixes tried fail
     * so (the 300 top crates.io crates pinned together: every one of the 15 tried).
     */
    private static Optional<List<PackageId>> dropped(java.util.function.Predicate<List<Dependency>> cannotWork,
                                                     PackageIndex index, ResolveRequest request, List<Dependency> drop,
                                                     Matches matches) {
        Manifest rest = without(request.root(), drop);
        // Without every requirement nothing is left to conflict: the empty project's resolution is the
        // cheaper answer then.
        if (!rest.dependencies().isEmpty() && cannotWork.test(drop)) {
            return Optional.empty();
        }
        return solve(index, request, rest, matches);
    }

    /**
     * Lifts {@code d}'s range; if that solves, pins a caret on the version picked and re-solves. Where
     * the conflict holds without {@code d} altogether ({@code cannotWork}), no range of it can help: a
     * solution with {@code d} lifted, the candidates only {@code d} reaches set false, would be one
     * without {@code d}.
     */
    private static Explanation.Suggestion relax(java.util.function.Predicate<List<Dependency>> cannotWork,
                                                PackageIndex index, ResolveRequest request, Dependency d,
                                                Matches matches) {
        Manifest root = request.root();
        if (d.name().equals(root.name()) || cannotWork.test(List.of(d))) {
            return null;
        }
        Optional<Explanation.Suggestion> newest = relaxToNewestClass(index, request, d, matches);
        if (newest.isPresent()) {
            return newest.get();
        }
        Optional<List<PackageId>> lifted = solve(index, request, replace(root, d, Dependency.parse(d.name().value(), "*")),
                matches);
        if (lifted.isEmpty()) {
            return null;
        }
        PackageId picked = lifted.get().stream().filter(p -> p.name().equals(d.name())).findFirst().orElse(null);
        if (picked == null) {
            return null;
        }
        Dependency relaxed = Dependency.parse(d.name().value(), "^" + classBase(picked.version()));
        if (relaxed.range().equals(d.range())) {
            return null;
        }
        Optional<List<PackageId>> result = solve(index, request, replace(root, d, relaxed), matches);
        if (result.isEmpty()) {
            return null;
        }
        return relaxing(d, relaxed, result.get());
    }

    /** The suggestion to relax {@code d} to {@code relaxed}, which selects {@code result}. */
    private static Explanation.Suggestion relaxing(Dependency d, Dependency relaxed, List<PackageId> result) {
        return new Explanation.Suggestion("relax `" + d + "` to `" + relaxed.requirement() + "`", List.of(d),
                List.of(Optional.of(relaxed)), result);
    }

    /**
     * {@link #relax}'s answer for a project whose one requirement is {@code d}, without resolving the
     * project with {@code d} lifted, where that answer can be told: empty where it cannot.
     *
     * <p>With one requirement, nothing preferred and no prereleases allowed, the lifted project's
     * direct rank is the rank of the versions of {@code d}'s package it selects, and a version of the
     * newest compatibility class C ranks below every older one (C holds every release newer than it).
     * So when the project requiring C (a caret on C's base) has an optimum selecting one version P of
     * the package, a release, P is the lifted project's pick: a lifted solution ranked lower would
     * select one version newer than P, in C, and be a solution of that project too, its versions all
     * reached from it; one with a second version pays that version's rank, at least C's size. The
     * relaxed requirement is then that same caret, and {@link #relax} would re-solve that same project:
     * its answer is this one. Lifting loads every version of the package and what each reaches: the
     * costliest re-solve of a one-requirement project's explanation.
     */
    static Optional<Explanation.Suggestion> relaxToNewestClass(PackageIndex index, ResolveRequest request,
                                                               Dependency d, Matches matches) {
        Manifest root = request.root();
        if (root.dependencies().size() != 1 || !request.preferred().isEmpty() || request.allowPrereleases()) {
            return Optional.empty();
        }
        // The release that ranks 0 where every release is a candidate, as the lifted project's are; the
        // resolver's matches know it once asked.
        List<io.cocoatly.model.Release> releases = index.find(d.name()).map(io.cocoatly.model.PackageListing::releases)
                .orElse(List.of());
        int newest = matches.listing(d.name(), releases).firstRanked(false);
        if (newest < 0 || releases.get(newest).version().isPrerelease()) {
            return Optional.empty();
        }
        Dependency relaxed = Dependency.parse(d.name().value(), "^" + classBase(releases.get(newest).version()));
        if (relaxed.range().equals(d.range())) {
            return Optional.empty();
        }
        Resolution r = nested(index, request, replace(root, d, relaxed), matches);
        if (!(r instanceof Resolution.Solved s) || !s.optimal()) {
            return Optional.empty();
        }
        List<PackageId> selected = s.packages().stream().map(Resolution.SelectedPackage::id).toList();
        List<PackageId> ofD = selected.stream().filter(p -> p.name().equals(d.name())).toList();
        if (ofD.size() != 1 || ofD.get(0).version().isPrerelease()) {
            return Optional.empty();
        }
        return Optional.of(relaxing(d, relaxed, selected));
    }

    /** {@code request}'s settings (preferred versions, policy, prereleases, timeout) for the project {@code manifest}. */
    static ResolveRequest rooted(ResolveRequest request, Manifest manifest) {
        return new ResolveRequest(manifest, request.preferred(), request.policy(), request.allowPrereleases(),
                request.timeout());
    }

    /** The lowest version of {@code v}'s caret class: 2.1.3 → 2.0.0, 0.4.2 → 0.4.0, 0.0.3 → 0.0.3. */
    static io.cocoatly.model.Version classBase(io.cocoatly.model.Version v) {
        String base = v.major() > 0 ? v.major() + ".0.0" : v.minor() > 0 ? "0." + v.minor() + ".0"
                : "0.0." + v.patch();
        return io.cocoatly.model.Version.parse(base);
    }

    /** {@code root} with {@code old} replaced by {@code with}. */
    static Manifest replace(Manifest root, Dependency old, Dependency with) {
        List<Dependency> deps = new ArrayList<>();
        for (Dependency d : root.dependencies()) {
            deps.add(d.equals(old) ? with : d);
        }
        return new Manifest(root.name(), root.version(), deps);
    }

    /** {@code root} without the requirements {@code drop}. */
    static Manifest without(Manifest root, List<Dependency> drop) {
        List<Dependency> deps = new ArrayList<>(root.dependencies());
        deps.removeAll(drop);
        return new Manifest(root.name(), root.version(), deps);
    }

    /** The selection for {@code manifest} under the request's other settings, if there is one. */
    static Optional<List<PackageId>> solve(PackageIndex index, ResolveRequest request, Manifest manifest,
                                           Matches matches) {
        if (nested(index, request, manifest, matches) instanceof Resolution.Solved s) {
            return Optional.of(s.packages().stream().map(Resolution.SelectedPackage::id).toList());
        }
        return Optional.empty();
    }

    /** The resolution of {@code manifest} under the request's other settings; null when out of time. */
    private static Resolution nested(PackageIndex index, ResolveRequest request, Manifest manifest, Matches matches) {
        try {
            return Resolve.nested(index, rooted(request, manifest), matches);
        } catch (io.cocoatly.solver.ResolutionTimeoutException e) {
            return null;
        }
    }
}
