package io.cocoatly.solver.internal;

import io.cocoatly.model.PackageName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order {@link Check} visits packages in: each after the packages its versions depend on, so
 * that a dependency's verdicts are known when its dependents are checked (and cascade to them).
 */
final class CheckOrder {

    private CheckOrder() {
    }

    /** The checked packages, each after the packages its versions depend on (cycles broken by name). */
    static List<PackageName> dependenciesFirst(Encoding e, Universe universe, int[][] graph) {
        List<PackageName> names = new ArrayList<>(universe.names());
        List<PackageName> order = new ArrayList<>();
        boolean[] visited = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            postOrder(i, graph, visited, names, order);
        }
        order.removeIf(name -> !e.rootMarkers.containsKey(name));
        return order;
    }

    /** For each package (index as in {@link Encoding#packageOf}), the packages its versions depend on. */
    static int[][] packageGraph(Encoding e, int packages) {
        int[][] graph = new int[packages][];
        int[] mark = new int[packages];
        Arrays.fill(mark, -1);
        int[] buffer = new int[packages];
        int v = 1;
        for (int p = 0; p < packages; p++) {
            int n = 0;
            for (; v <= e.candidates() && e.packageOf[v] == p; v++) {
                for (Encoding.Edge edge : e.edges.get(v)) {
                    for (int t : edge.targets()) {
                        int q = e.packageOf[t];
                        if (mark[q] != p) {
                            mark[q] = p;
                            buffer[n++] = q;
                        }
                    }
                }
            }
            graph[p] = Arrays.copyOf(buffer, n);
            Arrays.sort(graph[p]);
        }
        return graph;
    }

    /** The packages reachable from {@code start} in {@code graph}, itself included. */
    static java.util.BitSet closure(int[][] graph, int start) {
        java.util.BitSet reached = new java.util.BitSet(graph.length);
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        reached.set(start);
        queue.add(start);
        while (!queue.isEmpty()) {
            for (int d : graph[queue.poll()]) {
                if (!reached.get(d)) {
                    reached.set(d);
                    queue.add(d);
                }
            }
        }
        return reached;
    }

    private static void postOrder(int start, int[][] graph, boolean[] visited,
                                  List<PackageName> names, List<PackageName> order) {
        // Iterative, so that long dependency chains cannot overflow the stack.
        java.util.Deque<int[]> stack = new java.util.ArrayDeque<>();
        if (visited[start]) {
            return;
        }
        visited[start] = true;
        stack.push(new int[] {start, 0});
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            int[] next = graph[top[0]];
            if (top[1] < next.length) {
                int d = next[top[1]++];
                if (!visited[d]) {
                    visited[d] = true;
                    stack.push(new int[] {d, 0});
                }
            } else {
                stack.pop();
                order.add(names.get(top[0]));
            }
        }
    }

    /**
     * Each package's strongly connected component in {@code graph}, numbered from 0 (Tarjan's
     * algorithm, iterative, so that long dependency chains cannot overflow the stack). Two packages
     * have the same {@link #closure} exactly when they are in one component: each reaches the other.
     */
    static int[] components(int[][] graph) {
        int n = graph.length;
        int[] component = new int[n];
        int[] index = new int[n];
        int[] low = new int[n];
        java.util.Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int height = 0;
        int[] callPackage = new int[n];
        int[] callEdge = new int[n];
        int next = 0;
        int components = 0;
        for (int start = 0; start < n; start++) {
            if (index[start] >= 0) {
                continue;
            }
            int depth = 0;
            callPackage[0] = start;
            callEdge[0] = 0;
            index[start] = low[start] = next++;
            stack[height++] = start;
            onStack[start] = true;
            while (depth >= 0) {
                int p = callPackage[depth];
                if (callEdge[depth] < graph[p].length) {
                    int q = graph[p][callEdge[depth]++];
                    if (index[q] < 0) {
                        index[q] = low[q] = next++;
                        stack[height++] = q;
                        onStack[q] = true;
                        depth++;
                        callPackage[depth] = q;
                        callEdge[depth] = 0;
                    } else if (onStack[q]) {
                        low[p] = Math.min(low[p], index[q]);
                    }
                    continue;
                }
                if (low[p] == index[p]) {
                    int q;
                    do {
                        q = stack[--height];
                        onStack[q] = false;
                        component[q] = components;
                    } while (q != p);
                    components++;
                }
                depth--;
                if (depth >= 0) {
                    int parent = callPackage[depth];
                    low[parent] = Math.min(low[parent], low[p]);
                }
            }
        }
        return component;
    }
}
