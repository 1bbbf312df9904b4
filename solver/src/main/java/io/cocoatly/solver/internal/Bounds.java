package io.cocoatly.solver.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lower bounds that prove an objective level optimal without a solver call. Each is valid for every
 * solution, so a model that meets a level's bound is optimal at that level once the earlier levels are
 * optimal (lexicographic order).
 *
 * <ul>
 *   <li>preferred changes, transitive rank: {@code ≥ 0};</li>
 *   <li>direct rank: {@code ≥ Σ_{root requirement q R} min_{w ∈ R} rank(q,w)}: every solution selects
 *       a version of q in R;</li>
 *   <li>packages: if direct rank meets its bound and transitive rank is 0, every solution optimal so
 *       far selects, of each direct q, its best match of the root range, and of every other package
 *       only its newest candidate (rank 0 is the newest, and the rank sum is 0). Following the edges of
 *       those forced versions gives a set F that every such solution contains; {@code packages ≥ |F|}.</li>
 * </ul>
 */
final class Bounds {

    private Bounds() {
    }

    /** Whether {@code model} is provably optimal at {@code level} given optimal earlier levels. */
    static boolean proves(Encoding e, int level, boolean[] model, long[] costs) {
        switch (level) {
            case 0:
            case 2:
                return costs[level] == 0;
            case 1:
                return costs[1] == directRankBound(e);
            case 3:
                return costs[1] == directRankBound(e) && costs[2] == 0 && forcedSetIs(e, model);
            default:
                throw new IllegalArgumentException("level " + level);
        }
    }

    /**
     * A cost that no solution goes below at {@code level}, whatever the earlier levels: the direct rank
     * bound for level 1, else 0. Where the optimiser's search starts from.
     */
    static long lower(Encoding e, int level) {
        return level == 1 ? directRankBound(e) : 0;
    }

    static long directRankBound(Encoding e) {
        long sum = 0;
        for (int[] targets : e.rootClauses) {
            int best = Integer.MAX_VALUE;
            for (int t : targets) {
                if (!e.blocked(t)) {
                    best = Math.min(best, e.rank[t]);
                }
            }
            sum += best == Integer.MAX_VALUE ? 0 : best;
        }
        return sum;
    }

    /** Whether the selected candidates of {@code model} are exactly the forced set F. */
    private static boolean forcedSetIs(Encoding e, boolean[] model) {
        boolean[] forced = new boolean[e.candidates() + 1];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int[] targets : e.rootClauses) {
            int best = 0;
            for (int t : targets) {
                if (!e.blocked(t) && (best == 0 || e.rank[t] < e.rank[best])) {
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
        while (!queue.isEmpty()) {
            for (Encoding.Edge edge : e.edges.get(queue.poll())) {
                if (edge.fixed() != null) {
                    continue;
                }
                int newest = satisfiedOrNewest(e, edge.targets(), forced);
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

    /** 0 if a forced version satisfies the edge, else its rank-0 match, else -1. */
    private static int satisfiedOrNewest(Encoding e, int[] targets, boolean[] forced) {
        int newest = -1;
        for (int t : targets) {
            if (forced[t]) {
                return 0;
            }
            if (e.rank[t] == 0 && !e.blocked(t)) {
                newest = t;
            }
        }
        return newest;
    }
}
