package io.cocoatly.solver.internal;

import io.cocoatly.model.Interruption;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolutionTimeoutException;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Statistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** One resolution from request to {@link Resolution}: load, encode, optimise, assemble. */
public final class Resolve {

    /** Conflicts per budget chunk in nested re-solves. */
    private static final int NESTED_CHUNK = 500;

    private Resolve() {
    }

    /**
     * Resolves {@code request} against {@code index}, reusing the range matches of earlier resolutions;
     * see {@link io.cocoatly.solver.Resolver}.
     */
    public static Resolution run(PackageIndex index, ResolveRequest request, Matches matches) {
        return run(index, request, true, true, matches);
    }

    /**
     * As {@link #run(PackageIndex, ResolveRequest, Matches)}; {@code guided = false} replaces the greedy first
     * guess by a bad one (the oldest versions), so that tests drive the optimisation loop through
     * many improving steps.
     */
    public static Resolution run(PackageIndex index, ResolveRequest request, boolean guided) {
        return run(index, request, guided, true, new Matches());
    }

    /**
     * A nested re-solve (verifying a fix or a why-not): guided, without an explanation, reusing
     * {@code matches}, the range matches of the resolution it serves.
     */
    static Resolution nested(PackageIndex index, ResolveRequest request, Matches matches) {
        return run(index, request, true, false, matches);
    }

    private static Resolution run(PackageIndex index, ResolveRequest request, boolean guided, boolean explain,
                                  Matches matches) {
        long t0 = System.nanoTime();
        Manifest root = request.root();
        // With nothing preferred, the newest versions may meet every requirement they reach: then they
        // are the one optimum (NewestSelection), found first among every release, without loading the
        // versions they leave out, then among the candidates, without an encoding.
        boolean newestFirst = guided && request.preferred().isEmpty();
        Optional<NewestSelection.Found> newest = newestFirst
                ? NewestSelection.find(index, root, request.allowPrereleases(), matches)
                : Optional.empty();
        if (newest.isPresent()) {
            return newest.get().solved(Duration.ofNanos(System.nanoTime() - t0), Duration.ZERO);
        }
        Preferences preferred = Preferences.of(request.preferred(), request.policy());
        Universe universe = Universe.forRoot(index, root.name(), root.dependencies(), preferred, matches);
        long t1 = System.nanoTime();
        Optional<NewestSelection.Found> ranked = newestFirst
                ? NewestSelection.find(universe, root, request.allowPrereleases())
                : Optional.empty();
        if (ranked.isPresent()) {
            return ranked.get().solved(Duration.ofNanos(t1 - t0), Duration.ofNanos(System.nanoTime() - t1));
        }
        Encoding e = Encoder.forResolve(universe, root, preferred, request.policy(),
                request.allowPrereleases(), index.name());
        long t2 = System.nanoTime();
        Budget budget = Budget.of(request.timeout());
        if (!explain) {
            // A nested re-solve (verifying a fix) notices its short deadline within a few milliseconds.
            budget = new Budget(budget.deadline(), NESTED_CHUNK);
        }
        Optimizer.Result r = e.emptyClause() != null
                ? new Optimizer.Result(null, null, false, true, 0)
                : Optimizer.run(e, budget, guided);
        // An interrupted search stops as if out of time: what it found is not an answer.
        Interruption.check();
        if (r.unsatisfiable()) {
            // The explanation's minimal conflict names the packages; a nested re-solve needs neither.
            Optional<io.cocoatly.solver.Explanation> explanation = explain && request.explain()
                    ? Optional.of(Explain.unsatisfiable(e, index, request, Budget.of(request.timeout()), matches))
                    : Optional.empty();
            Interruption.check();
            Set<PackageName> names = new TreeSet<>();
            explanation.ifPresent(x -> x.facts().forEach(f -> {
                names.add(f.pkg());
                f.dependency().ifPresent(d -> names.add(d.name()));
            }));
            if (names.size() > 1) {
                // The project itself is named only when the conflict is about nothing else.
                names.remove(root.name());
            }
            long t3 = System.nanoTime();
            return new Resolution.Unsatisfiable(names, statistics(universe, e, r.calls(), t0, t1, t2, t3),
                    explanation);
        }
        if (r.model() == null) {
            throw new ResolutionTimeoutException(root.id().toString(), request.timeout().orElseThrow());
        }
        List<Resolution.SelectedPackage> selected = new ArrayList<>();
        for (int v = 1; v <= e.candidates(); v++) {
            if (r.model()[v]) {
                selected.add(new Resolution.SelectedPackage(e.id(v), e.direct[v], e.bindings(v, r.model())));
            }
        }
        List<Long> objective = new ArrayList<>();
        for (long c : r.costs()) {
            objective.add(c);
        }
        long t3 = System.nanoTime();
        return new Resolution.Solved(selected, r.optimal(), objective,
                statistics(universe, e, r.calls(), t0, t1, t2, t3));
    }

    private static Statistics statistics(Universe u, Encoding e, int calls, long t0, long t1, long t2, long t3) {
        return new Statistics(u.loaded(), e.variables(), e.constraintCount(), calls, Duration.ofNanos(t1 - t0),
                Duration.ofNanos(t2 - t1), Duration.ofNanos(t3 - t2));
    }
}
