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
 * <p>The guess is usually a model, and then usually optimal; when it is not a model it still guides
 * the solver's first decisions ({@link GuidedPhase}). Correctness never depends on it: the result is
 * checked against every constraint before it is used.
 */
final class Greedy {

    private static final int RESTARTS = 16;

    private Greedy() {
    }

    static boolean[] hint(Encoding e) {
        int n = e.candidates();
        int groups = 0;
        for (int v = 1; v <= n; v++) {
            groups = Math.max(groups, e.group[v] + 1);
        }
        Walk walk = new Walk(e, e.preferred, new int[groups], new boolean[n + 1]);
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
        boolean[] selected;
        int blockedTarget;
        int blockedSource;

        Walk(Encoding e, boolean[] isPreferred, int[] reserved, boolean[] avoided) {
            this.e = e;
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
