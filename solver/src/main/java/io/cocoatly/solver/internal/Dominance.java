package io.cocoatly.solver.internal;

import java.util.Collection;
import java.util.List;

/**
 * Removes candidates that no optimal solution selects. {@code x(q,v)} is dominated by {@code x(q,v')}
 * when
 *
 * <ol>
 *   <li>{@code rank(q,v') < rank(q,v)}, and both are in the same at-most-one group;</li>
 *   <li>every range on an edge into q that contains v also contains v';</li>
 *   <li>every dependency edge of v' has an edge of v on the same package whose matches are a subset
 *       of its own (so whatever satisfied v's dependencies satisfies v''s);</li>
 *   <li>v is not the caller's preferred version of q.</li>
 * </ol>
 *
 * Then replacing v by v' in any solution gives a solution with the same packages, no more preferred
 * changes and a strictly lower rank sum, so no optimal solution selects v, and {@code ¬x(q,v)} can be
 * added without changing the optimum. Crates.io-like registries publish many patch releases with the
 * same requirements, so most candidates go, and with them most of the search space of the optimality
 * proofs. Satisfiability is unchanged too, but the explanations of a conflict never use these
 * constraints: they are not facts about the registry.
 */
final class Dominance {

    /** Dominators tried per candidate, nearest newer first; enough in practice, cheap always. */
    private static final int TRIES = 8;

    private Dominance() {
    }

    /**
     * Sets {@code dominator[v]} to the candidate that dominates {@code v}, for each dominated {@code v};
     * the optimiser's solver then {@linkplain Encoding#leftOut leaves them out}, false in every model.
     *
     * @param ranges per package index, the match sets of every range on an edge into it
     */
    static void compute(Encoding e, List<Collection<int[]>> ranges, int[] dominator) {
        int n = e.candidates();
        int v = 1;
        while (v <= n) {
            int first = v;
            while (v <= n && e.packageOf[v] == e.packageOf[first]) {
                v++;
            }
            if (v - first > 1) {
                packageDominance(e, first, v, ranges.get(e.packageOf[first]), dominator);
            }
        }
    }

    private static void packageDominance(Encoding e, int first, int end, Collection<int[]> ranges, int[] dominator) {
        // Row i (words long) holds the ranges containing candidate first + i; one array for the package.
        int words = (ranges.size() + 63) >>> 6;
        long[] member = new long[(end - first) * words];
        int index = 0;
        for (int[] targets : ranges) {
            for (int t : targets) {
                member[(t - first) * words + (index >>> 6)] |= 1L << index;
            }
            index++;
        }
        for (int v = first; v < end; v++) {
            if (e.excluded[v] || e.preferred[v]) {
                continue;
            }
            int tries = 0;
            // Higher variable = newer version; nearest newer first.
            for (int w = v + 1; w < end && tries < TRIES; w++) {
                if (e.group[w] != e.group[v] || e.excluded[w] || e.rank[w] >= e.rank[v]) {
                    continue;
                }
                tries++;
                if (subset(member, (v - first) * words, (w - first) * words, words) && dependenciesCovered(e, v, w)) {
                    dominator[v] = w;
                    break;
                }
            }
        }
    }

    /** Whether row {@code a} of {@code member} is a subset of row {@code b}. */
    private static boolean subset(long[] member, int a, int b, int words) {
        for (int i = 0; i < words; i++) {
            if ((member[a + i] & ~member[b + i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether each edge of w has an edge of v on the same package matching a subset of w's matches. */
    private static boolean dependenciesCovered(Encoding e, int v, int w) {
        if (e.edges.get(v) == e.edges.get(w)) {
            return true; // one list, shared by versions with equal dependencies (Encoder)
        }
        // Indexed loops: the iterators of a for-each here were allocated, not optimised away.
        List<Encoding.Edge> edgesOfW = e.edges.get(w);
        List<Encoding.Edge> edgesOfV = e.edges.get(v);
        for (int i = 0, m = edgesOfW.size(); i < m; i++) {
            Encoding.Edge ew = edgesOfW.get(i);
            if (ew.fixed() != null) {
                continue;
            }
            boolean covered = false;
            // An edge without a fixed version has targets, all of its dependency's package.
            int on = e.packageOf[ew.targets()[0]];
            for (int j = 0, k = edgesOfV.size(); j < k; j++) {
                Encoding.Edge ev = edgesOfV.get(j);
                if (ev.fixed() == null && e.packageOf[ev.targets()[0]] == on
                        && sortedSubset(ev.targets(), ew.targets())) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    private static boolean sortedSubset(int[] a, int[] b) {
        if (a == b) {
            return true;
        }
        int j = 0;
        for (int x : a) {
            while (j < b.length && b[j] < x) {
                j++;
            }
            if (j == b.length || b[j] != x) {
                return false;
            }
        }
        return true;
    }
}
