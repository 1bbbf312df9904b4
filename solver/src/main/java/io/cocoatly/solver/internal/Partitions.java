package io.cocoatly.solver.internal;

import io.cocoatly.model.PackageName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The solvers {@link Check} asks, one per dependency closure ({@link CheckPartition}), made when first
 * needed. Packages with the same closure are exactly those in one strongly connected component of the
 * package graph, so keying partitions by closure gives one per component that holds a checked
 * package, and versions of one component share what their solver learnt.
 */
final class Partitions {

    private final Encoding e;
    private final int[] markerPackage;
    private final int[][] graph;
    private final List<Constraint> shared = new ArrayList<>();
    private final List<List<Constraint>> owned;
    private final Map<BitSet, CheckPartition> byClosure = new HashMap<>();
    private final Map<Integer, CheckPartition> byMarker = new HashMap<>();
    /** Versions found to be in no model at all, in the order found: every partition learns them. */
    private final List<Integer> excluded = new ArrayList<>();

    Partitions(Encoding e, Universe universe, int[][] graph) {
        this.e = e;
        List<PackageName> names = new ArrayList<>(universe.names());
        Map<PackageName, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        markerPackage = new int[e.variables() + 1];
        Arrays.fill(markerPackage, -1);
        for (Map.Entry<PackageName, Integer> m : e.rootMarkers.entrySet()) {
            markerPackage[m.getValue()] = index.getOrDefault(m.getKey(), -1);
        }
        this.graph = graph;
        owned = CheckPartition.byPackage(e, markerPackage, names.size(), shared);
    }

    /** The partition for checking versions of the package whose root marker is {@code marker}. */
    CheckPartition forMarker(int marker) {
        return byMarker.computeIfAbsent(marker, m -> byClosure.computeIfAbsent(
                CheckOrder.closure(graph, markerPackage[m]), this::create));
    }

    /** Records that no model selects version {@code v}, in every partition now and later. */
    void exclude(int v) {
        excluded.add(v);
        for (CheckPartition p : byClosure.values()) {
            p.exclude(v);
        }
    }

    /** Solver calls over all partitions. */
    int calls() {
        int calls = 0;
        for (CheckPartition p : byClosure.values()) {
            calls += p.calls();
        }
        return calls;
    }

    private CheckPartition create(BitSet closure) {
        CheckPartition p = CheckPartition.of(e, markerPackage, closure, owned, shared);
        for (int v : excluded) {
            p.exclude(v);
        }
        return p;
    }
}
