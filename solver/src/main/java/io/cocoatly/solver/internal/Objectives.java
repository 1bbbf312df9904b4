package io.cocoatly.solver.internal;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The four objective levels as PB sums over the candidates ({@code ids}, indexed by variable):
 *
 * <pre>
 * preferred changes   Σ_{p preferred} Σ_{w ≠ pref(p)} x(p,w)
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
        int v = 1;
        while (v < ids.size()) {
            int end = v;
            while (end < ids.size() && packageOf[end] == packageOf[v]) {
                end++;
            }
            List<Integer> order = new ArrayList<>();
            for (int i = v; i < end; i++) {
                order.add(i);
            }
            order.sort((a, b) -> {
                boolean pa = !allowPrereleases && ids.get(a).version().isPrerelease();
                boolean pb = !allowPrereleases && ids.get(b).version().isPrerelease();
                return pa != pb ? Boolean.compare(pa, pb) : Integer.compare(b, a);
            });
            for (int i = 0; i < order.size(); i++) {
                rank[order.get(i)] = i;
            }
            v = end;
        }
        return rank;
    }

    static Objective preferredChanges(List<PackageId> ids, Map<PackageName, Version> preferred) {
        List<Integer> vars = new ArrayList<>();
        for (int v = 1; v < ids.size(); v++) {
            Version pref = preferred.get(ids.get(v).name());
            if (pref != null && !pref.equals(ids.get(v).version())) {
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
