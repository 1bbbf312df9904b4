package io.cocoatly.solver.internal;

import java.util.Arrays;

/**
 * A quick first guess: walk the requirements from the root and satisfy each unsatisfied one with its
 * best free candidate (the preferred version if it matches, else the lowest rank, i.e. the newest).
 * When a requirement finds every matching version's slot taken, the walk restarts with that slot
 * reserved for the requirement's best match; if that was tried already, with the version that made
 * the requirement avoided (so its package falls back to its next best version). A few restarts at
 * most.
 *
 * <p>The {@linkplain #lookahead second guesses} walk the same way, but choose by an estimate of what
 * each candidate brings with it instead of by its own rank alone.
 *
 * <p>The guess is usually a model, and then usually optimal; when it is not a model it still guides
 * the solver's first decisions ({@link GuidedPhase}). Correctness never depends on it: the result is
 * checked against every constraint before it is used.
 */
final class Greedy {

    private static final int RESTARTS = 16;

    private Greedy() {
    }

    /** The first guess: each requirement takes its preferred version if it matches, else its newest. */
    static boolean[] hint(Encoding e) {
        return walk(e, null);
    }

    /**
     * A second guess for a root the first one did not prove optimal: the same walk, but each
     * requirement takes the candidate whose {@code estimate} is least (for a direct package, among
     * those of least rank, the level above), not simply the newest. The newest version of a package
     * may need old versions of others (each costing its rank) where a slightly older one needs newer
     * ones: the first guess then starts the optimiser's search far above the optimum, and each model
     * the solver finds on the way down is a SAT call.
     *
     * @param estimate per candidate, one of the {@link #estimates}
     */
    static boolean[] lookahead(Encoding e, long[] estimate) {
        return walk(e, estimate);
    }

    /**
     * The estimate of a candidate blocked, dead, or with an edge none of whose targets is possible: a
     * walk takes it only when its requirement has no other free candidate.
     */
    static final long NONE = Long.MAX_VALUE / 4;

    /**
     * Two guesses per candidate v at the transitive rank that selecting v brings, {@code [0]} adding
     * what its edges need and {@code [1]} taking the most of it:
     * <pre>
     * sum(v) = own(v) + Σ_{edge E of v} min_{t ∈ targets(E)} sum(t)
     * max(v) = own(v) + max_{edge E of v} min_{t ∈ targets(E)} max(t)
     * own(v) = 0 if v's package is direct (its rank is the level above), else rank(v)
     * </pre>
     * {@link #NONE} for a candidate blocked or {@code dead} or with an edge none of whose targets is
     * possible. Neither is a bound: the sum counts what two edges share twice, the most counts only
     * the costliest edge, and neither knows that a package has one version. They only order a
     * requirement's candidates, each wrong in its own way (on crates.io each finds better first
     * models than the other on some roots). Computed in one pass in post-order from the root's
     * requirements, exact on the acyclic part; an edge back into a candidate still on the path reads
     * its own cost.
     *
     * @param dead candidates in no solution (a refined {@link TransitiveBound}'s), or null
     */
    static long[][] estimates(Encoding e, boolean[] dead) {
        int n = e.candidates();
        TransitiveBound.Graph g = TransitiveBound.Graph.of(e);
        long[] sum = new long[n + 1];
        long[] max = new long[n + 1];
        for (int v = 1; v <= n; v++) {
            sum[v] = e.blocked(v) || dead != null && dead[v] ? NONE : own(e, v);
            max[v] = sum[v];
        }
        // What v's edges need, summed and at most, apart from v's own rank: a version whose edges are
        // those of the version before it (equal dependencies share their target lists) needs the same,
        // read off it once that one is done, without a look at its targets.
        long[] needSum = new long[n + 1];
        long[] needMax = new long[n + 1];
        boolean[] done = new boolean[n + 1];
        // An explicit stack (candidate, edge, target within it), so deep graphs need no deep recursion.
        boolean[] entered = new boolean[n + 1];
        int[] stack = new int[n + 1];
        int[] edgeAt = new int[n + 1];
        int[] targetAt = new int[n + 1];
        for (int[] clause : e.rootClauses) {
            for (int r : clause) {
                if (entered[r] || sum[r] == NONE) {
                    continue;
                }
                entered[r] = true;
                if (doneAsTwin(e, g, r, sum, max, needSum, needMax, done)) {
                    continue;
                }
                int top = 0;
                stack[0] = r;
                edgeAt[0] = g.start[r];
                targetAt[0] = 0;
                while (top >= 0) {
                    int v = stack[top];
                    int k = edgeAt[top];
                    if (k < g.start[v + 1]) {
                        int[] targets = g.targets[k];
                        int i = targetAt[top];
                        if (i == targets.length) {
                            edgeAt[top] = k + 1;
                            targetAt[top] = 0;
                        } else {
                            targetAt[top] = i + 1;
                            int t = targets[i];
                            if (!entered[t] && sum[t] != NONE) {
                                entered[t] = true;
                                if (!doneAsTwin(e, g, t, sum, max, needSum, needMax, done)) {
                                    top++;
                                    stack[top] = t;
                                    edgeAt[top] = g.start[t];
                                    targetAt[top] = 0;
                                }
                            }
                        }
                        continue;
                    }
                    // Every target of v's edges is done (or on the path): v's own turn.
                    long total = 0;
                    long most = 0;
                    for (int j = g.start[v]; j < g.start[v + 1]; j++) {
                        long leastSum = NONE;
                        long leastMax = NONE;
                        for (int t : g.targets[j]) {
                            leastSum = Math.min(leastSum, sum[t]);
                            leastMax = Math.min(leastMax, max[t]);
                        }
                        total = Math.min(NONE, total + leastSum);
                        most = Math.max(most, leastMax);
                    }
                    needSum[v] = total;
                    needMax[v] = most;
                    finish(e, v, sum, max, needSum, needMax, done);
                    top--;
                }
            }
        }
        return new long[][] {sum, max};
    }

    /**
     * Finishes {@code v} at once when the version before it, of the same package, is done and has the
     * same edges (the same target lists, in order): its targets are entered already, and it needs
     * what that one needs.
     */
    private static boolean doneAsTwin(Encoding e, TransitiveBound.Graph g, int v, long[] sum, long[] max,
                                      long[] needSum, long[] needMax, boolean[] done) {
        int w = v - 1;
        if (w < 1 || !done[w] || e.packageOf[w] != e.packageOf[v]) {
            return false;
        }
        int edges = g.start[v + 1] - g.start[v];
        if (g.start[w + 1] - g.start[w] != edges) {
            return false;
        }
        for (int i = 0; i < edges; i++) {
            if (g.targets[g.start[v] + i] != g.targets[g.start[w] + i]) {
                return false;
            }
        }
        needSum[v] = needSum[w];
        needMax[v] = needMax[w];
        finish(e, v, sum, max, needSum, needMax, done);
        return true;
    }

    /** Sets {@code v}'s estimates from its own rank and what its edges need. */
    private static void finish(Encoding e, int v, long[] sum, long[] max, long[] needSum, long[] needMax,
                               boolean[] done) {
        long own = own(e, v);
        sum[v] = Math.min(NONE, own + needSum[v]);
        max[v] = needMax[v] == NONE ? NONE : own + needMax[v];
        done[v] = true;
    }

    /** What {@code v} itself adds to the transitive rank. */
    private static long own(Encoding e, int v) {
        return e.direct[v] ? 0 : e.rank[v];
    }

    private static boolean[] walk(Encoding e, long[] estimate) {
        int n = e.candidates();
        int groups = 0;
        for (int v = 1; v <= n; v++) {
            groups = Math.max(groups, e.group[v] + 1);
        }
        Walk walk = new Walk(e, e.preferred, new int[groups], new boolean[n + 1], estimate);
        for (int attempt = 0; attempt <= RESTARTS; attempt++) {
            walk.run();
            if (walk.blockedTarget == 0) {
                break;
            }
            int g = e.group[walk.blockedTarget];
            if (walk.reserved[g] != walk.blockedTarget) {
                // First suspect the version that took the slot: keep the slot for this requirement.
                walk.reserved[g] = walk.blockedTarget;
            } else if (walk.blockedSource != 0 && !walk.avoided[walk.blockedSource]) {
                // Then suspect the version whose requirement it is: try its next best alternative.
                walk.avoided[walk.blockedSource] = true;
            } else {
                break;
            }
        }
        return walk.selected;
    }

    /** One walk from the root; remembers the first requirement that found no free slot. */
    private static final class Walk {
        final Encoding e;
        final boolean[] isPreferred;
        final int[] reserved;
        final boolean[] avoided;
        /** Per candidate, its {@link #estimates estimate}; null to take the newest. */
        final long[] estimate;
        boolean[] selected;
        int blockedTarget;
        int blockedSource;

        Walk(Encoding e, boolean[] isPreferred, int[] reserved, boolean[] avoided, long[] estimate) {
            this.e = e;
            this.estimate = estimate;
            this.isPreferred = isPreferred;
            this.reserved = reserved;
            this.avoided = avoided;
        }

        void run() {
            selected = new boolean[e.variables() + 1];
            blockedTarget = 0;
            blockedSource = 0;
            int[] taken = new int[reserved.length];
            // The requirements still to satisfy, first in first out, each with the candidate it comes
            // from (0: the root): two arrays rather than deques of arrays and boxed integers.
            int[][] pending = new int[Math.max(16, e.rootClauses.size())][];
            int[] from = new int[pending.length];
            int tail = 0;
            for (int[] clause : e.rootClauses) {
                pending[tail++] = clause;
            }
            for (int head = 0; head < tail; head++) {
                int[] targets = pending[head];
                int source = from[head];
                if (targets.length == 0 || anySelected(targets, selected)) {
                    continue;
                }
                int best = 0;
                int bestAny = 0;
                for (int t : targets) {
                    if (e.blocked(t)) {
                        continue;
                    }
                    if (bestAny == 0 || better(t, bestAny)) {
                        bestAny = t;
                    }
                    if (taken[e.group[t]] == 0 && (best == 0 || better(t, best))) {
                        best = t;
                    }
                }
                if (best == 0) {
                    if (blockedTarget == 0 && bestAny != 0) {
                        blockedTarget = bestAny;
                        blockedSource = source;
                    }
                    continue;
                }
                selected[best] = true;
                taken[e.group[best]] = best;
                for (Encoding.Edge edge : e.edges.get(best)) {
                    if (edge.fixed() == null) {
                        if (tail == pending.length) {
                            pending = Arrays.copyOf(pending, 2 * tail);
                            from = Arrays.copyOf(from, 2 * tail);
                        }
                        pending[tail] = edge.targets();
                        from[tail++] = best;
                    }
                }
            }
        }

        private boolean better(int a, int b) {
            if (avoided[a] != avoided[b]) {
                return avoided[b];
            }
            boolean ra = reserved[e.group[a]] == a;
            boolean rb = reserved[e.group[b]] == b;
            if (ra != rb) {
                return ra;
            }
            if (isPreferred[a] != isPreferred[b]) {
                return isPreferred[a];
            }
            // Candidates of one requirement are of one package: both direct or neither. A direct
            // one's rank is the level above, so it decides before the estimate.
            if (estimate != null && estimate[a] != estimate[b] && !(e.direct[a] && e.rank[a] != e.rank[b])) {
                return estimate[a] < estimate[b];
            }
            return e.rank[a] < e.rank[b];
        }
    }

    private static boolean anySelected(int[] vars, boolean[] selected) {
        for (int v : vars) {
            if (selected[v]) {
                return true;
            }
        }
        return false;
    }
}
