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
        return proves(e, level, model, costs, true);
    }

    /**
     * As {@link #proves(Encoding, int, boolean[], long[])}; with {@code refine} false, by the plain
     * proofs alone (no {@link TransitiveBound} over the refined live candidates): the cheap try the
     * optimiser makes before the dominated candidates are known.
     */
    static boolean proves(Encoding e, int level, boolean[] model, long[] costs, boolean refine) {
        switch (level) {
            case 0:
                return costs[0] == 0;
            // Each level: the cheap proof first (the common case), the refined live candidates only
            // when it fails, before a solver call.
            case 1:
                return costs[1] == directRankBound(e, null)
                        || refine && costs[1] == directRankBound(e, refined(e).dead);
            case 2:
                return costs[2] == 0 || costs[2] == transitive(e).bound || refine && costs[2] == refined(e).bound;
            case 3:
                // At transitive rank 0 the bound is 0 and every designated candidate has rank 0.
                if (costs[2] == 0 ? isNewestForcedSet(e, model, costs)
                        : costs[1] == directRankBound(e, null) && costs[2] == transitive(e).bound
                        && forcedSetIs(e, model, transitive(e).designated, null)) {
                    return true;
                }
                if (!refine) {
                    return false;
                }
                TransitiveBound t = refined(e);
                return costs[2] == t.bound && costs[1] == directRankBound(e, t.dead)
                        && forcedSetIs(e, model, t.designated, t.dead);
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
     * bound for level 1; for level 2 the larger transitive-rank bound (plain or refined); else 0. Where
     * the optimiser's search starts from, once a proof has failed (which has computed the bounds of
     * level 2 already).
     */
    static long lower(Encoding e, int level) {
        if (level == 1) {
            return directRankBound(e, null);
        }
        if (level == 2) {
            return Math.max(transitive(e).bound, refined(e).bound);
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

    /**
     * The stronger of the transitive-rank bounds of {@code e} (the refined one: more candidates dead,
     * more groups forced), computed on first use: its parts cap ranks ({@link Encoding#capRanks}) and
     * its forced groups reduce the optimiser's bounds ({@link TransitiveBound#reduce}).
     */
    static TransitiveBound transitiveBound(Encoding e) {
        return refined(e);
    }

    /** The transitive-rank bound of {@code e}, computed on first use. */
    private static TransitiveBound transitive(Encoding e) {
        if (e.transitive == null) {
            e.transitive = TransitiveBound.of(e, false);
        }
        return e.transitive;
    }

    /**
     * The same over the refined live candidates ({@link TransitiveBound}), computed on first use, going
     * on from the plain bound (the refinement's first step, then kept too).
     */
    private static TransitiveBound refined(Encoding e) {
        if (e.refined == null) {
            e.refined = transitive(e).refine(e);
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
