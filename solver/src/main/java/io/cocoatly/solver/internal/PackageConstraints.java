package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The {@link Encoder}'s second pass: the constraints after the root's, with their reasons, built
 * when {@link Encoding#constraints()} is first read (a solver or an explanation needs them). It walks
 * the same rules as the first pass ({@link Encoder#fixed}, {@link Encoder#ruledOut}, the same ranges'
 * targets and groups), so the two agree on every constraint; the first pass only counted them.
 */
final class PackageConstraints {

    private final Encoder e;
    /** The candidates whose dependency constraints are left out. */
    private final IntPredicate leftOut;

    private PackageConstraints(Encoder e, IntPredicate leftOut) {
        this.e = e;
        this.leftOut = leftOut;
    }

    /**
     * Every constraint after the root's, in encoding order: per package by name, per candidate by
     * version, its dependencies in order (a clause, or the candidate ruled out), then the package's
     * at-most-one constraints and, in a check, its root-marker rules; last, in a check, one root at a
     * time. Built from what the first pass left (groups, the ranges' targets). The dependency
     * constraints of the candidates {@code leftOut} names are not built: for a solver that holds their
     * {@code ¬x}, which each of them contains.
     */
    static List<Constraint> build(Encoder encoder, IntPredicate leftOut) {
        return new PackageConstraints(encoder, leftOut).all();
    }

    private List<Constraint> all() {
        List<Constraint> out = new ArrayList<>(e.count);
        int var = 1;
        for (Universe.Package p : e.universe.packages().values()) {
            int first = var;
            for (int i = 0, size = p.size(); i < size; i++) {
                if (!leftOut.test(var)) {
                    dependencyConstraints(var, p, i, out);
                }
                var++;
            }
            atMostOne(p, first, var, e.rootMarkers.get(p.name()), out);
        }
        if (e.rootMarkers.size() > 1) {
            int[] lits = e.rootMarkers.values().stream().mapToInt(Integer::intValue).toArray();
            int[] ones = new int[lits.length];
            Arrays.fill(ones, 1);
            out.add(Constraint.atMost(new Reason.OneRoot(), lits, ones, 1));
        }
        return out;
    }

    /**
     * {@code ¬x(p,v) ∨ ∨ x(q,w)} for each dependency of candidate {@code var} ({@code p}'s {@code i}), or
     * {@code ¬x(p,v)} with why.
     */
    private void dependencyConstraints(int var, Universe.Package p, int i, List<Constraint> out) {
        Release release = p.release(i);
        PackageId from = release.id();
        List<Dependency> dependencies = release.dependencies();
        int[] met = p.edges()[i];
        for (int j = 0; j < met.length; j++) {
            Dependency d = dependencies.get(j);
            PackageId fixed = e.fixed(from, d, met[j]);
            Encoder.Targets t = fixed == null ? e.targets(met[j]) : null;
            Reason ruledOut = e.ruledOut(from, d, fixed, t);
            if (ruledOut != null) {
                out.add(Constraint.clause(ruledOut, -var));
            } else if (fixed == null) {
                int[] lits = new int[t.vars().length + 1];
                lits[0] = -var;
                System.arraycopy(t.vars(), 0, lits, 1, t.vars().length);
                out.add(Constraint.clause(new Reason.DependencyOf(from, d), lits));
            }
        }
    }

    /** At most one per at-most-one group of the package; check mode adds the root-marker rules. */
    private void atMostOne(Universe.Package p, int first, int end, Integer marker, List<Constraint> out) {
        int groups = 0;
        for (int start = first; start < end; ) {
            int stop = start + 1;
            while (stop < end && e.group[stop] == e.group[start]) {
                stop++;
            }
            if (stop - start > 1) {
                Optional<String> cls = e.policy == VersionPolicy.SEMVER_MAJOR
                        ? Optional.of(e.ids.get(start).version().compatibilityClass()) : Optional.empty();
                int[] lits = new int[stop - start];
                int[] ones = new int[lits.length];
                for (int i = 0; i < lits.length; i++) {
                    lits[i] = start + i;
                    ones[i] = 1;
                }
                out.add(Constraint.atMost(new Reason.AtMostOneVersion(p.name(), cls), lits, ones, 1));
            }
            groups++;
            start = stop;
        }
        if (marker == null) {
            return;
        }
        for (int v = first; v < end; v++) {
            if (p.release(v - first).yanked()) {
                out.add(Constraint.clause(new Reason.CheckedAsRoot(p.name()), -v, marker));
            }
        }
        int n = end - first;
        if (groups > 1) {
            int[] lits = new int[n + 1];
            int[] coefficients = new int[n + 1];
            for (int i = 0; i < n; i++) {
                lits[i] = first + i;
                coefficients[i] = 1;
            }
            lits[n] = marker;
            coefficients[n] = n - 1;
            out.add(Constraint.atMost(new Reason.CheckedAsRoot(p.name()), lits, coefficients, n));
        }
    }
}
