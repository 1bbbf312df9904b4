package io.cocoatly.solver.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lexicographic optimisation by solution-improving search on one incremental solver.
 *
 * <p>For each level k in order, unless a {@link Bounds lower bound} already proves the best model's
 * cost optimal, ask whether a model of cost ≤ b exists, b chosen by {@link CostSearch} (single, then
 * doubling steps down from the best cost, above the level's best proven lower bound): add {@code
 * cost_k ≤ b} guarded by a fresh selector s and solve assuming s. A model, once {@linkplain
 * LocalImprovement improved} by single moves, becomes the best; UNSAT raises the
 * level's lower bound to b + 1. Then the bound is {@linkplain Sat#retireBound retired} (the unit ¬s, and
 * out of the watch lists, keeping what was learnt). When the lower bound meets the best cost, it is
 * optimal: {@code cost_k ≤ c} is added for good and the next level starts. On the last level, when its
 * every coefficient is 1 (the packages), a try at best − 1 is added unguarded instead, as a
 * {@linkplain Sat#finalBound final bound} that sat4j propagates as a cardinality constraint: its UNSAT
 * answer ends the search, and a model found under it meets it. The bounds hold only the
 * terms of candidates that are not {@linkplain Encoding#liveObjectives blocked}, with what the forced
 * groups cost in every solution taken out as a constant ({@link TransitiveBound#reduce}), each group's
 * part stated over its {@linkplain CostSteps cost steps}, so that what the solver learns from a bound
 * covers every costlier version of a group at once.
 *
 * <p>The first model is the {@link Greedy} guess when it satisfies every constraint, else the first
 * model the solver finds guided by it. When the guess meets every level's bound, no solver is built.
 * The guess is first tried against the one proof that does not depend on the {@linkplain Dominance
 * dominated} candidates ({@link Bounds#provesNewest}), then against the plain bounds, which hold
 * without knowing them (weaker, since fewer candidates are known dead); only then are they found, and
 * the guess made again knowing them, for the refined bounds. When those do not prove it either, two
 * second guesses that {@linkplain Greedy#lookahead look ahead} at what each version needs are made
 * (where {@linkplain #worthLookingAhead worth it}), and the cheapest guess is the first model. The solver is
 * given the constraints as they stand with the dominated candidates false, and those the guess's
 * costs {@linkplain Encoding#capRanks cap} and those {@linkplain Encoding#ruleOutUnreached no longer
 * reached} ({@link Encoding#liveConstraints}), and {@linkplain Encoding#leftOut leaves those out}:
 * the same optima, a smaller formula (with the dominated alone, over all 9,437 versions of the top-300
 * crates.io crates 10–13 % less time in all, every objective the same; leaving them out of sat4j rather
 * than stating them false by units, −6 to −9 % more).
 */
final class Optimizer {

    /** The outcome: {@code model} null when unsatisfiable or when no model was found in time. */
    record Result(boolean[] model, long[] costs, boolean optimal, boolean unsatisfiable, int calls) {
    }

    private Optimizer() {
    }

    static Result run(Encoding e, Budget budget, boolean guided) {
        boolean[] hint = guided ? Greedy.hint(e) : oldest(e);
        // Decided from the candidates' data: the constraints are built below only if a solver is needed.
        boolean valid = e.satisfiedByCandidates(hint);
        long[] costs = valid ? e.costs(hint) : null;
        if (valid && Bounds.provesNewest(e, hint, costs)) {
            // Most roots end here, before the dominated candidates are looked for (about a tenth of a
            // small root's time): this proof does not depend on them, and the optimum it proves is
            // the only one, so no guess made knowing them could be another answer.
            return new Result(hint, costs, true, false, 0);
        }
        if (!valid && Propagation.refutes(e.variables(), e.constraints())) {
            // What the requirements force already conflicts: unsatisfiable without setting up sat4j.
            return new Result(null, null, false, true, 0);
        }
        if (!e.dominanceKnown()) {
            // The plain bounds prove every root of the crates.io sets that the bounds prove at all (37
            // of the top 300, 1,770 of their 9,437 versions) without the dominated candidates: looking
            // for them costs those roots a tenth of their time, and the solver's roots the plain bound
            // twice.
            if (valid && provesAll(e, hint, costs, false)) {
                return new Result(hint, costs, true, false, 0);
            }
            // Knowing the dominated candidates dead steers the guess and tightens the bounds below.
            e.findDominated();
            hint = guided ? Greedy.hint(e) : oldest(e);
            valid = e.satisfiedByCandidates(hint);
            costs = valid ? e.costs(hint) : null;
        }
        if (valid && provesAll(e, hint, costs, true)) {
            return new Result(hint, costs, true, false, 0);
        }
        LocalImprovement improvement = LocalImprovement.of(e);
        if (guided && worthLookingAhead(e, valid, costs)) {
            // A second guess that looks ahead at what each version needs, once per way of estimating
            // it: taken when cheaper, returned when it proves itself optimal.
            for (long[] estimate : Greedy.estimates(e, Bounds.transitiveBound(e).dead)) {
                boolean[] ahead = Greedy.lookahead(e, estimate);
                if (!e.satisfiedByCandidates(ahead)) {
                    continue;
                }
                improvement.improve(ahead);
                long[] aheadCosts = e.costs(ahead);
                if (!valid || Arrays.compare(aheadCosts, costs) < 0) {
                    hint = ahead;
                    costs = aheadCosts;
                    valid = true;
                    if (provesAll(e, hint, costs, true)) {
                        return new Result(hint, costs, true, false, 0);
                    }
                }
            }
        }
        // The guess bounds every level from above: what ranks above it, or above it less the other
        // packages' parts of the transitive bound, is in no optimal solution.
        boolean directLeast = valid && costs[0] == 0 && Bounds.proves(e, 1, hint, costs);
        if (valid && costs[0] == 0) {
            e.capRanks(costs[1], directLeast ? costs[2] : Long.MAX_VALUE,
                    directLeast && costs[2] > 0 ? Bounds.transitiveBound(e) : null);
        }
        e.ruleOutUnreached();
        // What no optimal solution selects is left out of the solver, false in its every model.
        Sat sat = new Sat(e.variables(), budget, e.leftOut());
        sat.addAll(e.liveConstraints());
        // The bounds are added over the live terms, less what the forced groups cost for certain;
        // costs are read from the full levels, the same value in every model of this solver (where
        // what is left out is false).
        List<Objective> objectives = e.objectives();
        TransitiveBound forced = Bounds.transitiveBound(e);
        List<TransitiveBound.Reduced> bounded = new ArrayList<>(objectives.size());
        for (Objective live : e.liveObjectives()) {
            bounded.add(forced.reduce(e, live));
        }
        int levels = objectives.size();
        boolean[] model = hint;
        if (!valid) {
            sat.guideSelectedFirst(hint);
            Sat.Answer first = sat.solve();
            if (first != Sat.Answer.SAT) {
                return new Result(null, null, false, first == Sat.Answer.UNSAT, sat.calls());
            }
            model = sat.model(e.variables());
        }
        // Every model the solver returns is first made as cheap as single moves make it.
        if (!valid) {
            improvement.improve(model);
        }
        for (int k = 0; k < levels; k++) {
            Objective objective = objectives.get(k);
            // A failed proof has computed the bounds the search then starts from; a proven cost is its
            // own lower bound, and the search is done before it starts.
            long start = objective.cost(model);
            boolean proven = Bounds.proves(e, k, model, e.costs(model));
            CostSearch search = new CostSearch(proven ? start : Bounds.lower(e, k), start);
            TransitiveBound.Reduced reduced = bounded.get(k);
            boolean lastLevel = k == levels - 1;
            // The level's terms over its cost steps, defined in the solver when a bound on them is added.
            Objective steps = search.done() && lastLevel ? null : steps(e, sat, reduced);
            // The packages level counts: its tries at best − 1 may be final bounds.
            boolean countsLast = lastLevel && steps != null && steps.counts();
            while (!search.done()) {
                long bound = search.nextBound();
                // A final bound's UNSAT answer ends the search, so the solver may end with it (see
                // Sat#finalBound). Any other bound tried is the only one that stays in the solver: the
                // one before is retired.
                boolean last = countsLast && bound == search.best() - 1;
                int selector = 0;
                if (last) {
                    sat.retireBound();
                    sat.finalBound(steps, bound - reduced.offset());
                } else {
                    selector = sat.tryBound(steps, bound - reduced.offset());
                }
                sat.guideSelectedFirst(model);
                Sat.Answer answer = last ? sat.solve() : sat.solve(selector);
                if (answer == Sat.Answer.UNKNOWN) {
                    return new Result(model, e.costs(model), false, false, sat.calls());
                }
                if (answer == Sat.Answer.UNSAT) {
                    search.refuted(bound);
                } else {
                    model = sat.model(e.variables());
                    improvement.improve(model);
                    search.found(objective.cost(model));
                }
                if (!search.done() && Bounds.proves(e, k, model, e.costs(model))) {
                    break;
                }
            }
            long cost = search.best();
            sat.retireBound();
            if (k < levels - 1) {
                sat.fixBound(steps, cost - reduced.offset());
            }
        }
        return new Result(model, e.costs(model), true, false, sat.calls());
    }

    /**
     * Whether the {@linkplain Greedy#lookahead second guesses} may spare the solver enough to pay for
     * themselves: when the first guess is no model, or its transitive rank lies at least a
     * {@value #LOOKAHEAD_GAP}th of itself above the level's lower bound. They change only which
     * versions the walk takes below the direct packages, so they can do better only at that level.
     * On the 951 crates.io roots (every version of the top 300) that reached here, a second guess met
     * the optimal transitive rank on 785, the first guess on 182. Nearer the bound the first guess was
     * mostly optimal already, and the second guesses cost more than they spared: with them for every
     * root that reached here, the top 300 took 3 % more time than without them; with this rule the
     * same, and the 9,437 versions 14 % less (one JVM, each root both ways; docs/performance.md).
     */
    private static boolean worthLookingAhead(Encoding e, boolean valid, long[] costs) {
        if (!valid) {
            return true;
        }
        long gap = costs[2] - Bounds.lower(e, 2);
        return gap > 0 && LOOKAHEAD_GAP * gap >= costs[2];
    }

    /** See {@link #worthLookingAhead}. */
    private static final int LOOKAHEAD_GAP = 5;

    /** A level's reduced terms over {@linkplain CostSteps cost steps}, whose definitions go into {@code sat}. */
    private static Objective steps(Encoding e, Sat sat, TransitiveBound.Reduced reduced) {
        CostSteps.Stepped steps = CostSteps.of(e, reduced.terms(), sat::newVariable);
        for (Constraint definition : steps.definitions()) {
            sat.add(definition, 0);
        }
        return steps.terms();
    }

    /** A bad guide on purpose: the oldest candidate of every package, so improving takes many steps. */
    private static boolean[] oldest(Encoding e) {
        boolean[] guide = new boolean[e.variables() + 1];
        for (int v = 1; v <= e.candidates(); v++) {
            guide[v] = v == 1 || e.packageOf[v] != e.packageOf[v - 1];
        }
        return guide;
    }

    private static boolean provesAll(Encoding e, boolean[] model, long[] costs, boolean refine) {
        for (int k = 0; k < costs.length; k++) {
            if (!Bounds.proves(e, k, model, costs, refine)) {
                return false;
            }
        }
        return true;
    }
}
