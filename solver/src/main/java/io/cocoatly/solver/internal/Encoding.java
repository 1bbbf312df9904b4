package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pseudo-boolean problem for one resolution or one registry check, as plain data: variables,
 * constraints each with its {@link Reason}, and the objective levels. Built by {@link Encoder}; handed
 * to sat4j by {@link Sat}. See {@code docs/encoding.md} for the logic.
 *
 * <p>Variables {@code 1..candidates()} are the candidates {@code x(p,v)}, numbered by package name
 * then version ascending, so the numbering depends only on the data and never on file or map order.
 * In check mode, one root marker {@code r(p)} per checked package follows.
 */
public final class Encoding {

    /** A dependency edge of a candidate, kept to report what each dependency resolved to. */
    public record Edge(Dependency dependency, int[] targets, PackageId fixed) {
    }

    final PackageId root;
    final List<PackageId> ids;
    final int[] packageOf;
    final boolean[] yanked;
    final int[] rank;
    final boolean[] direct;
    final int[] group;
    final boolean[] excluded;
    final Reason[] exclusion;
    final List<List<Edge>> edges;
    final List<int[]> rootClauses;
    final List<Constraint> constraints;
    private final Constraint emptyClause;
    final List<Objective> objectives;
    final Map<PackageName, Integer> rootMarkers;
    final int variables;
    /** Candidates no optimal solution selects ({@link Dominance}), and their units; optimisation only. */
    boolean[] dominated;
    List<Constraint> dominance = List.of();

    Encoding(PackageId root, List<PackageId> ids, int[] packageOf, boolean[] yanked, int[] rank, boolean[] direct,
             int[] group, boolean[] excluded, Reason[] exclusion, List<List<Edge>> edges, List<int[]> rootClauses,
             List<Constraint> constraints, Constraint emptyClause, List<Objective> objectives,
             Map<PackageName, Integer> rootMarkers) {
        this.root = root;
        this.ids = ids;
        this.packageOf = packageOf;
        this.yanked = yanked;
        this.rank = rank;
        this.direct = direct;
        this.group = group;
        this.excluded = excluded;
        this.exclusion = exclusion;
        this.edges = edges;
        this.rootClauses = rootClauses;
        this.constraints = constraints;
        this.emptyClause = emptyClause;
        this.objectives = objectives;
        this.rootMarkers = rootMarkers;
        this.variables = ids.size() - 1 + rootMarkers.size();
        this.dominated = new boolean[ids.size()];
    }

    /** Whether an optimal solution cannot select {@code var}: excluded by a constraint, or dominated. */
    boolean blocked(int var) {
        return excluded[var] || dominated[var];
    }

    /** Number of candidate variables. */
    public int candidates() {
        return ids.size() - 1;
    }

    /** Number of variables, root markers included. */
    public int variables() {
        return variables;
    }

    /** The candidate a variable stands for. */
    public PackageId id(int var) {
        return ids.get(var);
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    public List<Objective> objectives() {
        return objectives;
    }

    /**
     * The first constraint that no assignment satisfies (an empty clause), or null; the encoder notes it
     * as it adds it, rather than every resolution scanning all constraints.
     */
    public Constraint emptyClause() {
        return emptyClause;
    }

    /** Whether {@code model} satisfies every constraint. */
    public boolean satisfiedBy(boolean[] model) {
        for (Constraint c : constraints) {
            if (!c.holds(model)) {
                return false;
            }
        }
        return true;
    }

    /** The value of each objective level under {@code model}. */
    public long[] costs(boolean[] model) {
        long[] costs = new long[objectives.size()];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = objectives.get(i).cost(model);
        }
        return costs;
    }

    /** What {@code var}'s dependencies resolved to in {@code model}: the highest selected match. */
    public List<PackageId> bindings(int var, boolean[] model) {
        List<PackageId> result = new ArrayList<>();
        for (Edge e : edges.get(var)) {
            if (e.fixed() != null) {
                result.add(e.fixed());
                continue;
            }
            for (int i = e.targets().length - 1; i >= 0; i--) {
                if (model[e.targets()[i]]) {
                    result.add(ids.get(e.targets()[i]));
                    break;
                }
            }
        }
        result.sort(null);
        return result;
    }
}
