package io.cocoatly.solver.internal;

/**
 * Makes a solution cheaper without a solver call, one candidate at a time: drop a selected candidate
 * that nothing needs, or replace it by a lower-ranked candidate of its at-most-one group, while every
 * constraint still holds. No objective level gets worse, so the result is a solution at least as good
 * at every level, whatever levels are already proven:
 *
 * <ul>
 *   <li>dropping {@code x(p,v)} lowers or keeps every level (each is a sum of non-negative terms of
 *       selected candidates);</li>
 *   <li>replacing {@code v} by {@code w} in the same group, with {@code rank(w) < rank(v)}, lowers the
 *       rank level of that package (direct or not, both are the same package's), keeps the number of
 *       packages, and is allowed only when it does not add a preferred-version change
 *       ({@code change(w) → change(v)}).</li>
 * </ul>
 *
 * <p>Why: the optimiser's solver, guided by the last model, answers a bound {@code cost ≤ b} with a
 * model just under b, changing as little as it can; many of the next calls only walk down from there.
 * Models the solver returned often held packages nothing needed any more and versions that could be
 * newer: improving each one first, over the 9,437 versions of the top-300 crates.io crates (each root
 * both ways in one JVM, three times), cut the total 9 % and the p90 7–10 %, the top 300's total 5–6 %,
 * every objective the same (docs/performance.md).
 *
 * <p>Moves are checked against the edges into the candidate's package only ({@code x(p,v)} appears
 * positively only in the root requirements and in the clauses of edges into p), and, for a
 * replacement, against {@code w}'s own edges: a move keeps {@link Encoding#satisfiedByCandidates}
 * true, as {@code LocalImprovementTest} checks. For a resolve encoding only.
 */
final class LocalImprovement {

    private final Encoding e;
    private final TransitiveBound.Graph g;
    /** Per package index: its incoming edges are {@code incoming[inStart[p]..inStart[p+1]-1]}. */
    private final int[] inStart;
    /** Edge ids (of {@link TransitiveBound.Graph}), grouped by the package they lead into. */
    private final int[] incoming;
    /** Per edge id: the candidate it leaves. */
    private final int[] source;

    private LocalImprovement(Encoding e) {
        this.e = e;
        this.g = TransitiveBound.Graph.of(e);
        int n = e.candidates();
        int packages = n == 0 ? 0 : e.packageOf[n] + 1;
        int m = g.pkg.length;
        source = new int[m];
        for (int v = 1; v <= n; v++) {
            for (int k = g.start[v]; k < g.start[v + 1]; k++) {
                source[k] = v;
            }
        }
        inStart = new int[packages + 1];
        for (int k = 0; k < m; k++) {
            inStart[g.pkg[k] + 1]++;
        }
        for (int p = 0; p < packages; p++) {
            inStart[p + 1] += inStart[p];
        }
        incoming = new int[m];
        int[] next = java.util.Arrays.copyOf(inStart, packages);
        for (int k = 0; k < m; k++) {
            incoming[next[g.pkg[k]]++] = k;
        }
    }

    /** The improver of {@code e}'s solutions (an index of the edges into each package, made once). */
    static LocalImprovement of(Encoding e) {
        return new LocalImprovement(e);
    }

    /**
     * Improves {@code model}, a solution of the encoding, in place until no move is left: each
     * selected candidate, in variable order, is dropped if nothing needs it, or else replaced by the
     * lowest-ranked candidate of its group that keeps every constraint (and adds no preferred change).
     */
    void improve(boolean[] model) {
        int n = e.candidates();
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int v = 1; v <= n; v++) {
                if (!model[v]) {
                    continue;
                }
                if (replaceable(model, v, 0)) {
                    model[v] = false;
                    moved = true;
                    continue;
                }
                int best = 0;
                for (int w = groupStart(v); w <= n && e.group[w] == e.group[v]; w++) {
                    if (e.rank[w] < e.rank[v] && (best == 0 || e.rank[w] < e.rank[best]) && !e.blocked(w)
                            && (!e.change[w] || e.change[v]) && edgesMet(model, w) && replaceable(model, v, w)) {
                        best = w;
                    }
                }
                if (best != 0) {
                    model[v] = false;
                    model[best] = true;
                    moved = true;
                }
            }
        }
    }

    /** The first variable of {@code v}'s group: groups are runs of consecutive variables. */
    private int groupStart(int v) {
        int first = v;
        while (first > 1 && e.group[first - 1] == e.group[v]) {
            first--;
        }
        return first;
    }

    /**
     * Whether every root requirement and every selected candidate's edge that {@code v} meets is still
     * met with {@code v} deselected and {@code w} (0: none) selected.
     */
    private boolean replaceable(boolean[] model, int v, int w) {
        for (int[] targets : e.rootClauses) {
            if (targets.length > 0 && e.packageOf[targets[0]] == e.packageOf[v] && !metWithout(model, targets, v, w)) {
                return false;
            }
        }
        int p = e.packageOf[v];
        for (int i = inStart[p]; i < inStart[p + 1]; i++) {
            int k = incoming[i];
            if (model[source[k]] && !metWithout(model, g.targets[k], v, w)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code targets} has a selected member other than {@code v}, or holds {@code w}. */
    private static boolean metWithout(boolean[] model, int[] targets, int v, int w) {
        for (int t : targets) {
            if (t == w || t != v && model[t]) {
                return true;
            }
        }
        return false;
    }

    /** Whether each edge of {@code w} (into other packages) has a selected target. */
    private boolean edgesMet(boolean[] model, int w) {
        for (int k = g.start[w]; k < g.start[w + 1]; k++) {
            if (!metWithout(model, g.targets[k], 0, 0)) {
                return false;
            }
        }
        return true;
    }
}
