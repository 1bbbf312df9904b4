package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

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

    /**
     * A dependency edge of a candidate, kept to report what each dependency resolved to: dependency
     * {@code index} of release {@code from} (of the candidate, or of an earlier version of its package
     * with equal dependencies), its {@code targets}, or the one version {@code fixed} that meets it.
     * The dependency is read from the release only when asked: the encoder makes an edge for every
     * dependency of every candidate, and reading each one was a visible part of encoding.
     */
    public record Edge(Release from, int index, int[] targets, PackageId fixed) {

        /** The dependency this edge stands for. */
        public Dependency dependency() {
            return from.dependencies().get(index);
        }
    }

    final PackageId root;
    final List<PackageId> ids;
    final int[] packageOf;
    final boolean[] yanked;
    final int[] rank;
    final boolean[] direct;
    /** Per candidate, whether selecting it replaces a preferred version (the first objective level). */
    final boolean[] change;
    /** Per candidate, whether it is the caller's preferred version. */
    final boolean[] preferred;
    final int[] group;
    final boolean[] excluded;
    final Reason[] exclusion;
    final List<List<Edge>> edges;
    final List<int[]> rootClauses;
    /** The root's constraints, built at once: few, and the empty clause among them is needed at once. */
    private final List<Constraint> rootConstraints;
    /**
     * Builds the rest, in encoding order, leaving out the constraints of the candidates a predicate
     * names (see {@link #constraints()} and {@link #liveConstraints()}).
     */
    private final Function<IntPredicate, List<Constraint>> rest;
    private List<Constraint> constraints;
    private final int constraintCount;
    private final Constraint emptyClause;
    /** The number of objective levels, and the levels themselves once read. */
    private final int levels;
    private List<Objective> objectives;
    final Map<PackageName, Integer> rootMarkers;
    final int variables;
    /**
     * Per candidate, the candidate that dominates it ({@link Dominance}), else 0: no optimal solution
     * selects a dominated one. Optimisation only; all 0 until {@link #findDominated} has run.
     */
    final int[] dominator;
    /** What {@link #findDominated} needs, until it has run (null after, and for an encoding without it). */
    private Supplier<List<java.util.Collection<int[]>>> rangeTargets;
    /**
     * Per candidate, whether {@link #capRanks} or {@link #ruleOutUnreached} ruled it out for the
     * optimiser's solver; null before.
     */
    private boolean[] capped;
    /** The transitive-rank bound, computed by {@link Bounds} when a guess's transitive rank is not 0. */
    TransitiveBound transitive;
    /** The same over the refined live candidates, computed by {@link Bounds} only when the plain one proves too little. */
    TransitiveBound refined;
    /** The edges as {@link TransitiveBound} reads them, made on its first use; independent of dominance. */
    TransitiveBound.Graph boundGraph;

    /** The candidates' data; see {@link Encoder} for what each array holds. */
    record Candidates(List<PackageId> ids, int[] packageOf, boolean[] yanked, int[] rank, boolean[] direct,
                      boolean[] change, boolean[] preferred, int[] group) {
    }

    /** What the candidates may depend on: edges, exclusions, and the root's requirements. */
    record Structure(boolean[] excluded, Reason[] exclusion, List<List<Edge>> edges, List<int[]> rootClauses,
                     List<Constraint> rootConstraints, Constraint emptyClause) {
    }

    /**
     * @param rest            builds the constraints after the root's, in encoding order, without the
     *                        dependency constraints of the candidates its argument names
     * @param constraintCount how many constraints {@code rootConstraints} and {@code rest} hold together
     * @param levels          the number of objective levels (0 for a check)
     */
    Encoding(PackageId root, Candidates c, Structure s,
             Function<IntPredicate, List<Constraint>> rest, int constraintCount,
             int levels, Map<PackageName, Integer> rootMarkers) {
        this.root = root;
        this.ids = c.ids();
        this.packageOf = c.packageOf();
        this.yanked = c.yanked();
        this.rank = c.rank();
        this.direct = c.direct();
        this.change = c.change();
        this.preferred = c.preferred();
        this.group = c.group();
        this.excluded = s.excluded();
        this.exclusion = s.exclusion();
        this.edges = s.edges();
        this.rootClauses = s.rootClauses();
        this.rootConstraints = s.rootConstraints();
        this.emptyClause = s.emptyClause();
        this.rest = rest;
        this.constraintCount = constraintCount;
        this.levels = levels;
        this.rootMarkers = rootMarkers;
        this.variables = ids.size() - 1 + rootMarkers.size();
        this.dominator = new int[ids.size()];
    }

    /** Whether an optimal solution cannot select {@code var}: excluded by a constraint, or dominated. */
    boolean blocked(int var) {
        return excluded[var] || dominator[var] != 0;
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

    /**
     * Every constraint, each with its reason, in encoding order. Built on the
     * first call: most resolutions are proven optimal by {@link Bounds} from the greedy guess and never
     * need them ({@link #satisfiedByCandidates} checks the guess without them); the solver and the
     * explanations read them.
     */
    public List<Constraint> constraints() {
        if (constraints == null) {
            List<Constraint> all = new ArrayList<>(constraintCount);
            all.addAll(rootConstraints);
            all.addAll(rest.apply(v -> false));
            if (all.size() != constraintCount) {
                throw new IllegalStateException("encoder counted " + constraintCount + " constraints, built " + all.size());
            }
            constraints = List.copyOf(all);
        }
        return constraints;
    }

    /** How many of {@link #constraints()}, first in it, are the root's own: one per root requirement. */
    int rootConstraintCount() {
        return rootConstraints.size();
    }

    /**
     * The requirement of {@code root} a constraint's reason states, met by a target or ruled out at once;
     * null for any other reason. Each of {@link #constraints()}' first {@link #rootConstraintCount()}
     * states one. Without the root's constraints of some requirements, the encoding holds what the
     * project without those requirements must meet: every model of that project, its universe a part of
     * this one, is one of these constraints with the candidates it no longer reaches false (a requirement
     * admits the same versions in either universe, and every other constraint of a candidate is about the
     * candidate alone). So when they have no model, neither has that project; and a model of theirs, the
     * candidates outside that project's universe set false, is one of the project's.
     */
    static Dependency requirementOf(PackageId root, Reason r) {
        if (r instanceof Reason.RootRequirement q) {
            return q.dependency();
        } else if (r instanceof Reason.Missing m && m.from().equals(root)) {
            return m.dependency();
        } else if (r instanceof Reason.NoMatch m && m.from().equals(root)) {
            return m.dependency();
        } else if (r instanceof Reason.SelfConflict s && s.from().equals(root)) {
            return s.dependency();
        }
        return null;
    }

    /** How many constraints {@link #constraints()} holds, without building them. */
    public int constraintCount() {
        return constraintCount;
    }

    /**
     * Has the dominated candidates found when a proof first needs them, from the matches of every
     * range on an edge into each package ({@code rangeTargets}, per package index).
     */
    void dominanceWhenNeeded(Supplier<List<java.util.Collection<int[]>>> rangeTargets) {
        this.rangeTargets = rangeTargets;
    }

    /** Whether {@link #dominator} is final: {@link #findDominated} has run, or has nothing to do. */
    boolean dominanceKnown() {
        return rangeTargets == null;
    }

    /**
     * Finds the dominated candidates, once. Bounds computed before are sound but may be weaker, since
     * fewer candidates were known dead: the plain one is kept (computing it again cost the roots that
     * call the solver 8 % of their time), the refined one goes on from it knowing them dead.
     */
    void findDominated() {
        if (rangeTargets != null) {
            Dominance.compute(this, rangeTargets.get(), dominator);
            rangeTargets = null;
            refined = null;
        }
    }

    /**
     * Per variable ({@code 1..variables()}), whether the optimiser's solver {@linkplain Sat#Sat(int,
     * Budget, boolean[]) leaves it out}, as false: the candidates that {@link #liveObjectives} leave out
     * (excluded by a unit, dominated, {@linkplain #capRanks capped} or {@linkplain #ruleOutUnreached
     * unreached}). No optimal solution selects one, so the solver needs neither them nor units stating
     * them false.
     */
    boolean[] leftOut() {
        findDominated();
        boolean[] out = new boolean[variables + 1];
        for (int v = 1; v <= candidates(); v++) {
            out[v] = dead(v);
        }
        return out;
    }

    /**
     * The constraints a solver that {@linkplain #leftOut leaves out} the ruled-out candidates (the
     * dominated ones, and those {@link #capRanks} and {@link #ruleOutUnreached} ruled out) needs: every
     * one but a ruled-out candidate's own dependency constraints, which hold its {@code ¬x} and are
     * met as it is false. They are given as they are: what a false candidate leaves of a constraint is
     * worked out in one place, where the solver takes it ({@link Sat}). The same optima, with far fewer
     * constraints where most candidates are ruled out.
     */
    List<Constraint> liveConstraints() {
        findDominated();
        List<Constraint> live = new ArrayList<>(rootConstraints);
        // Built without the ruled-out candidates' own, even when every constraint is built already (for
        // an explanation): the list is the same whatever was read before. Most candidates of a root
        // that calls the solver are ruled out.
        live.addAll(rest.apply(this::ruledOut));
        return live;
    }

    /**
     * The {@link #objectives()} without the candidates no optimal solution selects (excluded by a
     * unit, dominated, {@linkplain #capRanks capped} or {@linkplain #ruleOutUnreached unreached}), for a
     * solver that holds them false: each level's sum is the same in every model of
     * that solver, over fewer terms. Every bound the optimiser adds is a pseudo-boolean constraint
     * over a whole level, built again for each bound tried; over the 9,437 versions of the top-300
     * crates.io crates most candidates of the roots that call the solver are dominated, and building
     * the bounds was a tenth of those roots' time.
     */
    List<Objective> liveObjectives() {
        findDominated();
        List<Objective> all = objectives();
        List<Objective> live = new ArrayList<>(all.size());
        for (Objective o : all) {
            int[] vars = new int[o.vars().length];
            int[] coefficients = new int[vars.length];
            int n = 0;
            for (int i = 0; i < vars.length; i++) {
                int v = o.vars()[i];
                if (!dead(v)) {
                    vars[n] = v;
                    coefficients[n++] = o.coefficients()[i];
                }
            }
            live.add(new Objective(o.name(), Arrays.copyOf(vars, n), Arrays.copyOf(coefficients, n)));
        }
        return live;
    }

    /**
     * Rules out, for the optimiser's solver, every candidate whose rank alone is above what an optimal
     * solution can hold, given a known solution: with no preferred version changed (level 1 at its
     * least, 0), an optimal solution's direct rank is at most that solution's, {@code directCap}, and
     * each selected direct candidate's rank at most that, ranks being non-negative; when the direct
     * rank is also proven least, an optimal solution's transitive rank is at most {@code
     * transitiveCap} (else {@link Long#MAX_VALUE}), and with {@code bound} a transitive bound, whose
     * parts each package's ranks meet in every solution, a candidate w of package q in it has
     *
     * <pre>
     * transitiveCap ≥ (bound − part(q)) + rank(w)     the other packages' parts, and w's own rank
     * </pre>
     *
     * so one ranked above {@code transitiveCap − bound + part(q)} is in no optimal solution (with
     * {@code bound} null, above {@code transitiveCap}). Like a dominated candidate, a capped one is in
     * no optimal solution; {@link #liveConstraints} and {@link #liveObjectives} leave it out, and so
     * does the optimiser's solver ({@link #leftOut}). Old versions of
     * popular packages are most candidates of a large closure and rank far above a small optimum: the
     * top-300 crates.io roots that call the solver build it over fewer, shorter constraints
     * (docs/performance.md).
     */
    void capRanks(long directCap, long transitiveCap, TransitiveBound bound) {
        int n = candidates();
        capped = new boolean[n + 1];
        for (int v = 1; v <= n; v++) {
            long cap = direct[v] ? directCap
                    : bound == null || transitiveCap == Long.MAX_VALUE ? transitiveCap
                    : transitiveCap - bound.bound + bound.part[packageOf[v]];
            capped[v] = dominator[v] == 0 && rank[v] > cap;
        }
    }

    /**
     * Rules out, after {@link #capRanks}, every candidate that no chain of edges reaches from the root
     * through candidates neither excluded nor ruled out. None is in an optimal solution: in any solution S, the
     * reached ones S' ⊆ S form a solution too (each root clause and each edge of a member of S' is met
     * in S by a target that is not ruled out, hence reached), no worse on any level (every coefficient
     * is ≥ 0) and with fewer packages if S' ≠ S. Capping old versions leaves their dependencies
     * unreached: the top-300 crates.io roots that call the solver keep a third fewer candidates.
     */
    void ruleOutUnreached() {
        int n = candidates();
        if (capped == null) {
            capped = new boolean[n + 1];
        }
        boolean[] reached = new boolean[n + 1];
        int[] queue = new int[n];
        int tail = 0;
        for (int[] targets : rootClauses) {
            tail = reach(targets, reached, queue, tail);
        }
        for (int head = 0; head < tail; head++) {
            for (Edge edge : edges.get(queue[head])) {
                tail = reach(edge.targets(), reached, queue, tail);
            }
        }
        for (int v = 1; v <= n; v++) {
            if (!reached[v] && !excluded[v] && !ruledOut(v)) {
                capped[v] = true;
            }
        }
    }

    /** Marks and queues the {@code targets} not yet reached that a solution may select; returns the queue's new end. */
    private int reach(int[] targets, boolean[] reached, int[] queue, int tail) {
        for (int t : targets) {
            if (!reached[t] && !excluded[t] && !ruledOut(t)) {
                reached[t] = true;
                queue[tail++] = t;
            }
        }
        return tail;
    }

    /** Whether no optimal solution selects candidate {@code v}: excluded by a unit, or {@link #ruledOut}. */
    private boolean dead(int v) {
        return excluded[v] || ruledOut(v);
    }

    /** Whether the optimiser's solver holds {@code x(v)} false: dominated, capped or unreached. */
    boolean ruledOut(int v) {
        return v < dominator.length && (dominator[v] != 0 || capped != null && capped[v]);
    }

    /** The objective levels, built on first read from the candidates' ranks and preference changes. */
    public List<Objective> objectives() {
        if (objectives == null) {
            objectives = levels == 0 ? List.of() : List.of(Objectives.preferredChanges(change),
                    Objectives.rankSum(rank, direct, true), Objectives.rankSum(rank, direct, false),
                    Objectives.packageCount(ids.size() - 1));
        }
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
        for (Constraint c : constraints()) {
            if (!c.holds(model)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code model} satisfies every constraint of a resolve encoding, decided from the
     * candidates' data without building the constraints: the same answer as {@link #satisfiedBy}
     * (LazyEncodingTest checks the two agree). A constraint of each kind holds exactly when
     *
     * <ul>
     *   <li>a root requirement: some target is selected (there is no empty clause);</li>
     *   <li>{@code ¬x(p,v)} (Missing, NoMatch, SelfConflict): v is not selected;</li>
     *   <li>{@code ¬x(p,v) ∨ ∨ x(q,w)}: v is not selected, or some target of the edge is;</li>
     *   <li>{@code Σ_{v ∈ group} x(p,v) ≤ 1}: at most one of the group is selected.</li>
     * </ul>
     *
     * Only selected candidates can break the last three, so the walk is over them alone.
     */
    boolean satisfiedByCandidates(boolean[] model) {
        if (emptyClause != null || !rootMarkers.isEmpty()) {
            // A check encoding has constraints over root markers that these rules do not cover.
            return emptyClause == null && satisfiedBy(model);
        }
        for (int[] targets : rootClauses) {
            if (!anySelected(targets, model)) {
                return false;
            }
        }
        int lastGroup = -1;
        for (int v = 1; v < ids.size(); v++) {
            if (!model[v]) {
                continue;
            }
            // Groups are runs of consecutive variables, so a second selection in a group follows the first.
            if (excluded[v] || group[v] == lastGroup) {
                return false;
            }
            lastGroup = group[v];
            for (Edge e : edges.get(v)) {
                if (e.fixed() == null && !anySelected(e.targets(), model)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean anySelected(int[] vars, boolean[] model) {
        for (int v : vars) {
            if (model[v]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value of each objective level under {@code model}, summed from the candidates' data: the
     * same values as the {@link #objectives()} (built from the same arrays), without building them.
     */
    public long[] costs(boolean[] model) {
        long[] costs = new long[levels];
        if (levels == 0) {
            return costs;
        }
        for (int v = 1; v < ids.size(); v++) {
            if (model[v]) {
                costs[0] += change[v] ? 1 : 0;
                costs[direct[v] ? 1 : 2] += rank[v];
                costs[3]++;
            }
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
