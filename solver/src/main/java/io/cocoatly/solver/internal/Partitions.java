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
 * package graph, so a partition serves one component that holds a checked package, and versions of
 * one component share what their solver learnt.
 *
 * <p>A partition is dropped once every checked package of its component is {@linkplain #done done}:
 * {@link Check} never asks about that closure again. Kept until the end, they held a copy of their
 * whole closure each: on all of crates.io 11 million sat4j clauses (the encoding has 0.8 million
 * constraints) 80 s into the check, which then ran out of its 6 GB heap.
 */
final class Partitions {

    private final int[] markerPackage;
    private final int[][] graph;
    /** Per package, its strongly connected component in {@link #graph}. */
    private final int[] component;
    /** Per component, the checked packages in it that are not {@linkplain #done done} yet. */
    private final int[] pending;
    private final List<Constraint> shared = new ArrayList<>();
    private final List<List<Constraint>> owned;
    private final Map<Integer, CheckPartition> byComponent = new HashMap<>();
    /** Versions found to be in no model at all, in the order found: every partition learns them. */
    private final List<Integer> excluded = new ArrayList<>();
    /** Solver calls of the partitions dropped so far. */
    private int droppedCalls;
    /** Per package, its first candidate variable; one more entry, past the last. */
    private final int[] firstVariable;
    /** Per package, its root marker variable, 0 for none. */
    private final int[] markerOf;
    /** A table over every variable, all 0 between uses ({@link CheckPartition#of}). */
    private final int[] scratch;

    Partitions(Encoding e, Universe universe, int[][] graph) {
        List<PackageName> names = new ArrayList<>(universe.names());
        Map<PackageName, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        markerPackage = new int[e.variables() + 1];
        Arrays.fill(markerPackage, -1);
        this.graph = graph;
        component = CheckOrder.components(graph);
        pending = new int[names.size()];
        for (Map.Entry<PackageName, Integer> m : e.rootMarkers.entrySet()) {
            int pkg = index.getOrDefault(m.getKey(), -1);
            markerPackage[m.getValue()] = pkg;
            if (pkg >= 0) {
                pending[component[pkg]]++;
            }
        }
        owned = CheckPartition.byPackage(e, markerPackage, names.size(), shared);
        firstVariable = new int[names.size() + 1];
        int v = 1;
        for (int pkg = 0; pkg <= names.size(); pkg++) {
            firstVariable[pkg] = v;
            while (pkg < names.size() && v <= e.candidates() && e.packageOf[v] == pkg) {
                v++;
            }
        }
        markerOf = new int[names.size()];
        for (int marker = e.candidates() + 1; marker <= e.variables(); marker++) {
            if (markerPackage[marker] >= 0) {
                markerOf[markerPackage[marker]] = marker;
            }
        }
        scratch = new int[e.variables() + 1];
    }

    /** The partition for checking versions of the package whose root marker is {@code marker}. */
    CheckPartition forMarker(int marker) {
        int pkg = markerPackage[marker];
        return byComponent.computeIfAbsent(component[pkg], c -> create(CheckOrder.closure(graph, pkg)));
    }

    /**
     * Records that every version of the package whose root marker is {@code marker} has been checked;
     * the partition of its component is dropped when that was the component's last checked package.
     */
    void done(int marker) {
        int pkg = markerPackage[marker];
        if (pkg >= 0 && --pending[component[pkg]] == 0) {
            CheckPartition dropped = byComponent.remove(component[pkg]);
            if (dropped != null) {
                droppedCalls += dropped.calls();
            }
        }
    }

    /** Records that no model selects version {@code v}, in every partition now and later. */
    void exclude(int v) {
        excluded.add(v);
        for (CheckPartition p : byComponent.values()) {
            p.exclude(v);
        }
    }

    /** Solver calls over all partitions, dropped ones included. */
    int calls() {
        int calls = droppedCalls;
        for (CheckPartition p : byComponent.values()) {
            calls += p.calls();
        }
        return calls;
    }

    private CheckPartition create(BitSet closure) {
        CheckPartition p = CheckPartition.of(closure, firstVariable, markerOf, owned, shared, scratch);
        for (int v : excluded) {
            p.exclude(v);
        }
        return p;
    }
}
