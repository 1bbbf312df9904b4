package io.cocoatly.solver.internal;

import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * A quick first guess: walk the requirements from the root and satisfy each unsatisfied one with its
 * best free candidate (the preferred version if it matches, else the lowest rank, i.e. the newest).
 * When a requirement finds every matching version's slot taken, the walk restarts with that slot
 * reserved for the requirement's best match, a few times at most.
 *
 * <p>The guess is usually a model, and then usually optimal; when it is not a model it still guides
 * the solver's first decisions ({@link GuidedPhase}). Correctness never depends on it: the result is
 * checked against every constraint before it is used.
 */
final class Greedy {

    private static final int RESTARTS = 8;

    private Greedy() {
    }

    static boolean[] hint(Encoding e, Map<PackageName, Version> preferred) {
        int n = e.candidates();
        boolean[] isPreferred = new boolean[n + 1];
        for (int v = 1; v <= n; v++) {
            isPreferred[v] = e.id(v).version().equals(preferred.get(e.id(v).name()));
        }
        int groups = 0;
        for (int v = 1; v <= n; v++) {
            groups = Math.max(groups, e.group[v] + 1);
        }
        int[] reserved = new int[groups];
        boolean[] selected = null;
        for (int attempt = 0; attempt <= RESTARTS; attempt++) {
            selected = new boolean[e.variables() + 1];
            int blocked = walk(e, isPreferred, reserved, selected);
            if (blocked == 0 || reserved[e.group[blocked]] == blocked) {
                break;
            }
            reserved[e.group[blocked]] = blocked;
        }
        return selected;
    }

    /** Walks once; returns 0, or the best match of the first requirement that found no free slot. */
    private static int walk(Encoding e, boolean[] isPreferred, int[] reserved, boolean[] selected) {
        int[] taken = new int[reserved.length];
        Deque<int[]> queue = new ArrayDeque<>(e.rootClauses);
        int blocked = 0;
        while (!queue.isEmpty()) {
            int[] targets = queue.poll();
            if (targets.length == 0 || anySelected(targets, selected)) {
                continue;
            }
            int best = 0;
            int bestAny = 0;
            for (int t : targets) {
                if (e.blocked(t)) {
                    continue;
                }
                if (bestAny == 0 || better(e, isPreferred, reserved, t, bestAny)) {
                    bestAny = t;
                }
                if (taken[e.group[t]] == 0 && (best == 0 || better(e, isPreferred, reserved, t, best))) {
                    best = t;
                }
            }
            if (best == 0) {
                if (blocked == 0) {
                    blocked = bestAny;
                }
                continue;
            }
            selected[best] = true;
            taken[e.group[best]] = best;
            for (Encoding.Edge edge : e.edges.get(best)) {
                if (edge.fixed() == null) {
                    queue.add(edge.targets());
                }
            }
        }
        return blocked;
    }

    private static boolean better(Encoding e, boolean[] isPreferred, int[] reserved, int a, int b) {
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

    private static boolean anySelected(int[] vars, boolean[] selected) {
        for (int v : vars) {
            if (selected[v]) {
                return true;
            }
        }
        return false;
    }
}
