package io.cocoatly.solver.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lower bounds that prove an objective level optimal without a solver call. Each is valid for every
 * solution, so a model that meets a level's bound is optimal at that level once the earlier levels are
 * optimal (lexicographic order).
 *
 * <ul>
 *   <li>preferred changes: {@code ≥ 0};</li>
 *   <li>direct rank: {@code ≥ Σ_{root requirement q R} min_{w ∈ R} rank(q,w)}: every solution selects
 *       a version of q in R; first over the candidates not blocked, and when that does not prove the
 *       model's direct rank, over the candidates {@link TransitiveBound}'s refined analysis finds live
 *       (a version whose requirements conflict with what every solution holds is in none);</li>
 *   <li>transitive rank: {@code ≥ 0}, and {@code ≥} the {@link TransitiveBound} over the live
 *       candidates of the packages every solution needs, computed only when a model's transitive rank
 *       is not 0;</li>
 *   <li>packages: if direct rank and transitive rank meet their bounds, every solution optimal so far
 *       selects, of each direct q, its best match of the root range and at most its newest candidate
 *       besides; of each package the transitive bound counts, its designated candidate and at most its
 *       newest besides; and of every other package at most its newest candidate (rank 0 is the newest,
 *       and any other version would raise a rank sum above its bound). Following the edges of those
 *       forced versions and of the designated ones (each selected in every such solution), each met by the one version an edge leaves possible, gives a set F that every
 *       such solution contains; {@code packages ≥ |F|}.</li>
 * </ul>
 */
final class Bounds {

    private Bounds() {
    }

    /** Whether {@code model} is provably optimal at {@code level} given optimal earlier levels. */
    static boolean proves(Encoding e, int level, boolean[] model, long[] costs) {
        switch (level) {
            case 0:
                return costs[0] == 0;
            // Each level: the cheap proof first (the common case), the refined live candidates only
            // when it fails, before a solver call.
            case 1:
                return costs[1] == directRankBound(e, null) || costs[1] == directRankBound(e, refined(e).dead);
            case 2:
                return costs[2] == 0 || costs[2] == transitive(e).bound || costs[2] == refined(e).bound
                        || costs[2] == split(e, costs[2]).value();
            case 3:
                // At transitive rank 0 the bound is 0 and every designated candidate has rank 0.
                if (costs[2] == 0 ? isNewestForcedSet(e, model, costs)
                        : costs[1] == directRankBound(e, null) && costs[2] == transitive(e).bound
                        && forcedSetIs(e, model, transitive(e).designated, null)) {
                    return true;
                }
                TransitiveBound t = proving(e, costs[2]);
                return t != null && costs[1] == directRankBound(e, t.dead) && forcedSetIs(e, model, t.designated, t.dead);
            default:
                throw new IllegalArgumentException("level " + level);
        }
    }

    /**
     * Whether {@code model} is provably optimal at every level by the proofs that read no
     * {@link TransitiveBound}: no preferred version changed, the direct rank bound met, transitive rank
     * 0, and the model exactly the forced set F of newest versions. None of them depends on which
     * candidates are {@linkplain Dominance dominated}: a dominated candidate has a newer dominator in
     * every range that contains it, so it is never the newest match of a range (rank 0) nor the best of
     * a root requirement. Every optimal solution then is F.
     */
    static boolean provesNewest(Encoding e, boolean[] model, long[] costs) {
        return costs[0] == 0 && costs[2] == 0 && isNewestForcedSet(e, model, costs);
    }

    /** At transitive rank 0: the direct rank bound met and the model exactly F of newest versions. */
    private static boolean isNewestForcedSet(Encoding e, boolean[] model, long[] costs) {
        return costs[1] == directRankBound(e, null) && forcedSetIs(e, model, null, null);
    }

    /**
     * A cost that no solution goes below at {@code level}, whatever the earlier levels: the direct rank
     * bound for level 1; for level 2 the largest transitive-rank bound (plain, refined, and by cases if
     * a proof has tried it); else 0. Where the optimiser's search starts from, once a proof has failed
     * (which has computed the bounds of level 2 already).
     */
    static long lower(Encoding e, int level) {
        if (level == 1) {
            return directRankBound(e, null);
        }
        if (level == 2) {
            long bound = plainOrRefined(e);
            return e.split == null ? bound : Math.max(bound, e.split.value());
        }
        return 0;
    }

    /**
     * The direct rank bound over the candidates not {@code dead}, or, when that is null, not blocked
     * (cheaper: no {@link TransitiveBound} needed).
     */
    static long directRankBound(Encoding e, boolean[] dead) {
        long sum = 0;
        for (int[] targets : e.rootClauses) {
            int best = Integer.MAX_VALUE;
            for (int t : targets) {
                if (possible(e, t, dead)) {
                    best = Math.min(best, e.rank[t]);
                }
            }
            sum += best == Integer.MAX_VALUE ? 0 : best;
        }
        return sum;
    }

    /** Whether a solution may select {@code t}: not {@code dead}, or, when that is null, not blocked. */
    private static boolean possible(Encoding e, int t, boolean[] dead) {
        return dead == null ? !e.blocked(t) : !dead[t];
    }

    /** The transitive-rank bound of {@code e}, computed on first use. */
    private static TransitiveBound transitive(Encoding e) {
        if (e.transitive == null) {
            e.transitive = TransitiveBound.of(e, false);
        }
        return e.transitive;
    }

    /**
     * The refined bound, or else the case of the bound by cases, that meets the transitive rank
     * {@code cost} and whose designated and dead candidates hold for every solution meeting it; null
     * when neither does (several cases attaining the bound by cases say nothing of which one holds).
     */
    private static TransitiveBound proving(Encoding e, long cost) {
        if (cost == refined(e).bound) {
            return refined(e);
        }
        TransitiveBound.Split s = split(e, cost);
        return cost == s.value() ? s.unique() : null;
    }

    /**
     * Cases tried at most for a {@link TransitiveBound#split}: each costs about one refined bound, and a
     * root the cases do not prove pays for all of them. Over the 9,437 versions of the top-300 crates.io
     * crates the split is tried on 1,313 roots and reaches the guess's cost on 51, 92, 111 and 130 of
     * them with 4, 8, 16 and 32 cases; with 8 instead of 16, each root both ways in one JVM, the total
     * fell 3.5 % and the top-300's 7 % (every selection the same), where a root the cases no longer
     * prove calls the solver instead.
     */
    private static final int SPLIT_BUDGET = 8;

    /**
     * The largest gap between a model's transitive rank and the refined bound that the bound by cases
     * is tried for. Over the 9,437 versions of the top-300 crates.io crates it was tried on 1,338 roots
     * and reached its target only where the gap was 1 (68 of 309) or 3 (24 of 154); on the 835 with a
     * gap of 4 or more it never did, and cost 188 ms in all. Once the solver's calls had become
     * cheaper (restarts, retired bounds, improved models), trying gaps of 2 and 3 as well cost more
     * than the solver calls it saved: each root both ways in one JVM, 1 instead of 3 took the total
     * 2.5 % lower, the top 300's 5–7 %; not trying the cases at all was within 1 % of 1.
     */
    private static final long SPLIT_GAP = 1;

    /**
     * The bound by cases ({@link TransitiveBound#split}), computed on first use, trying to reach {@code
     * target}; when {@code target} is more than {@value #SPLIT_GAP} above the refined bound, not tried
     * (the refined bound is returned, kept nowhere, so that a better model may still try it).
     */
    private static TransitiveBound.Split split(Encoding e, long target) {
        // Once: a later model's target is lower, and the value, at most the optimum, does not depend on it
        // unless the first target was reached, which proved that model.
        if (e.split == null) {
            long bound = plainOrRefined(e);
            if (target - bound > SPLIT_GAP) {
                return new TransitiveBound.Split(bound, null);
            }
            e.split = refined(e).split(e, target, SPLIT_BUDGET);
        }
        return e.split;
    }

    /** The larger of the plain and the refined transitive-rank bounds. */
    private static long plainOrRefined(Encoding e) {
        return Math.max(transitive(e).bound, refined(e).bound);
    }

    /** The same over the refined live candidates ({@link TransitiveBound}), computed on first use. */
    private static TransitiveBound refined(Encoding e) {
        if (e.refined == null) {
            e.refined = TransitiveBound.of(e, true);
        }
        return e.refined;
    }

    /**
     * Whether the selected candidates of {@code model} are exactly the forced set F, where an edge
     * into a package may be met by its rank-0 candidate or by its {@code designated} one (none when
     * null), and no candidate {@code dead} is (none blocked when that is null) selected.
     */
    private static boolean forcedSetIs(Encoding e, boolean[] model, boolean[] designated, boolean[] dead) {
        boolean[] forced = new boolean[e.candidates() + 1];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int[] targets : e.rootClauses) {
            int best = 0;
            for (int t : targets) {
                if (possible(e, t, dead) && (best == 0 || e.rank[t] < e.rank[best])) {
                    best = t;
                }
            }
            if (best == 0) {
                return false;
            }
            if (!forced[best]) {
                forced[best] = true;
                queue.add(best);
            }
        }
        // Each designated candidate is in every solution meeting the transitive bound (TransitiveBound).
        for (int v = 1; designated != null && v < designated.length; v++) {
            if (designated[v] && !forced[v]) {
                forced[v] = true;
                queue.add(v);
            }
        }
        while (!queue.isEmpty()) {
            for (Encoding.Edge edge : e.edges.get(queue.poll())) {
                if (edge.fixed() != null) {
                    continue;
                }
                int newest = satisfiedOrNewest(e, edge.targets(), forced, designated, dead);
                if (newest < 0) {
                    return false;
                }
                if (newest > 0) {
                    forced[newest] = true;
                    queue.add(newest);
                }
            }
        }
        for (int v = 1; v < forced.length; v++) {
            if (forced[v] != model[v]) {
                return false;
            }
        }
        return true;
    }

    /**
     * 0 if a forced version satisfies the edge; else its one match that a solution meeting the bounds
     * may select (rank 0, or designated); -1 when there is none, or two, so that F cannot be told.
     */
    private static int satisfiedOrNewest(Encoding e, int[] targets, boolean[] forced, boolean[] designated,
            boolean[] dead) {
        int newest = -1;
        for (int t : targets) {
            if (forced[t]) {
                return 0;
            }
            if ((e.rank[t] == 0 || designated != null && designated[t]) && possible(e, t, dead)) {
                if (newest > 0) {
                    return -1;
                }
                newest = t;
            }
        }
        return newest;
    }
}
