package io.cocoatly.solver.internal;

import io.cocoatly.model.PackageId;
import java.util.ArrayList;
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

    static Objective preferredChanges(List<PackageId> ids, Preferences preferred) {
        List<Integer> vars = new ArrayList<>();
        for (int v = 1; v < ids.size(); v++) {
            if (preferred.isChange(ids.get(v))) {
                vars.add(v);
            }
        }
        int[] ones = new int[vars.size()];
        Arrays.fill(ones, 1);
        return new Objective(Encoder.LEVELS.get(0), vars.stream().mapToInt(Integer::intValue).toArray(), ones);
    }

    static Objective rankSum(List<PackageId> ids, int[] rank, boolean[] isDirect, boolean direct) {
        List<Integer> vars = new ArrayList<>();
        for (int v = 1; v < ids.size(); v++) {
            if (isDirect[v] == direct && rank[v] > 0) {
                vars.add(v);
            }
        }
        int[] vs = vars.stream().mapToInt(Integer::intValue).toArray();
        int[] coefficients = Arrays.stream(vs).map(v -> rank[v]).toArray();
        return new Objective(Encoder.LEVELS.get(direct ? 1 : 2), vs, coefficients);
    }

    static Objective packageCount(List<PackageId> ids) {
        int[] vars = new int[ids.size() - 1];
        int[] ones = new int[vars.length];
        for (int i = 0; i < vars.length; i++) {
            vars[i] = i + 1;
            ones[i] = 1;
        }
        return new Objective(Encoder.LEVELS.get(3), vars, ones);
    }
}
