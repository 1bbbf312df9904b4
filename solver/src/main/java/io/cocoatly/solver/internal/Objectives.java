package io.cocoatly.solver.internal;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.Release;
import java.util.Arrays;
import java.util.List;

/**
 * The four objective levels as PB sums over the candidates ({@code ids}, indexed by variable):
 *
 * <pre>
 * preferred changes   Σ_{p preferred} Σ_{w ≠ pref(p)} x(p,w)   (per class under semver-major: see Preferences)
 * direct rank         Σ_{q direct}     Σ_w rank(q,w)·x(q,w)
 * transitive rank     Σ_{q not direct} Σ_w rank(q,w)·x(q,w)
 * packages            Σ x(p,v)
 * </pre>
 */
final class Objectives {

    private Objectives() {
    }

    /** rank(p,v): position from the newest among p's candidates; prereleases last unless allowed. */
    static int[] ranks(List<PackageId> ids, int[] packageOf, boolean allowPrereleases) {
        int[] rank = new int[ids.size()];
        boolean[] late = new boolean[ids.size()];
        for (int v = 1; v < ids.size(); v++) {
            late[v] = !allowPrereleases && ids.get(v).version().isPrerelease();
        }
        int v = 1;
        while (v < ids.size()) {
            int end = v;
            while (end < ids.size() && packageOf[end] == packageOf[v]) {
                end++;
            }
            // Newest first (variables ascend by version), releases before the prereleases ranked last.
            int next = 0;
            for (int pass = 0; pass < 2; pass++) {
                for (int i = end - 1; i >= v; i--) {
                    if (late[i] == (pass == 1)) {
                        rank[i] = next++;
                    }
                }
            }
            v = end;
        }
        return rank;
    }

    /**
     * The position in {@code releases} (ascending by version) of the release that {@link #ranks} would
     * rank 0 if every release that may satisfy a requirement (every one not yanked) were a candidate:
     * the newest, a release before any prerelease unless prereleases are allowed; -1 if all are yanked.
     */
    static int firstRanked(List<Release> releases, boolean allowPrereleases) {
        return firstRanked(releases, null, allowPrereleases);
    }

    /**
     * As {@link #firstRanked(List, boolean)} among the releases at {@code positions} (ascending; null:
     * all), as a package's candidates are: the index in {@code positions} of the one ranked 0, or -1.
     */
    static int firstRanked(List<Release> releases, int[] positions, boolean allowPrereleases) {
        int newestPrerelease = -1;
        for (int i = (positions == null ? releases.size() : positions.length) - 1; i >= 0; i--) {
            Release r = releases.get(positions == null ? i : positions[i]);
            if (r.yanked()) {
                continue;
            }
            if (allowPrereleases || !r.version().isPrerelease()) {
                return i;
            }
            if (newestPrerelease < 0) {
                newestPrerelease = i;
            }
        }
        return newestPrerelease;
    }

    /** Level 1: one per selected candidate whose {@code change} flag is set. */
    static Objective preferredChanges(boolean[] change) {
        int[] vars = where(change.length, v -> change[v]);
        int[] ones = new int[vars.length];
        Arrays.fill(ones, 1);
        return new Objective(Encoder.LEVELS.get(0), vars, ones);
    }

    /** Level 2 ({@code direct}) or 3: the ranks of the selected direct (or other) candidates. */
    static Objective rankSum(int[] rank, boolean[] isDirect, boolean direct) {
        int[] vars = where(rank.length, v -> isDirect[v] == direct && rank[v] > 0);
        int[] coefficients = new int[vars.length];
        for (int i = 0; i < vars.length; i++) {
            coefficients[i] = rank[vars[i]];
        }
        return new Objective(Encoder.LEVELS.get(direct ? 1 : 2), vars, coefficients);
    }

    /** Level 4: one per selected candidate, of {@code candidates} variables. */
    static Objective packageCount(int candidates) {
        int[] vars = new int[candidates];
        int[] ones = new int[candidates];
        for (int i = 0; i < candidates; i++) {
            vars[i] = i + 1;
            ones[i] = 1;
        }
        return new Objective(Encoder.LEVELS.get(3), vars, ones);
    }

    /** The variables {@code 1..size-1} that {@code test} accepts, ascending. */
    private static int[] where(int size, java.util.function.IntPredicate test) {
        int[] buffer = new int[Math.max(0, size - 1)];
        int n = 0;
        for (int v = 1; v < size; v++) {
            if (test.test(v)) {
                buffer[n++] = v;
            }
        }
        return Arrays.copyOf(buffer, n);
    }
}
