package io.cocoatly.solver;

import io.cocoatly.model.PackageId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.GabowStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The order in which to install a selection: its dependency graph's strongly connected components
 * in a topological order, dependencies first. A package in no cycle is a group of one; a group of
 * several is exactly a dependency cycle, whose members are installed together.
 *
 * <p>The order is deterministic: members of a group are sorted by name then version, and among
 * groups whose dependencies are all installed, the one whose first member sorts first comes next.
 */
public final class InstallOrder {

    private InstallOrder() {
    }

    /**
     * The install groups of a selection. Edges to packages outside the selection, such as a
     * dependency on the root project itself, are left out: the project is not installed.
     */
    public static List<List<PackageId>> of(Resolution.Solved solved) {
        Map<PackageId, List<PackageId>> graph = new TreeMap<>();
        for (Resolution.SelectedPackage p : solved.packages()) {
            graph.merge(p.id(), p.dependencies(), (a, b) -> {
                throw new IllegalArgumentException("package selected twice: " + p.id());
            });
        }
        return of(graph);
    }

    /**
     * The install groups of a dependency graph given as each package's dependencies. Every key is a
     * package; a dependency that is not a key is ignored. Self-dependencies order nothing and are
     * ignored too.
     *
     * @return each package exactly once, in groups sorted inside, dependencies in earlier groups
     */
    public static List<List<PackageId>> of(Map<PackageId, ? extends Collection<PackageId>> dependencies) {
        // Edges point from a dependency to its dependents, so a topological order is an install order.
        Graph<PackageId, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        dependencies.keySet().stream().sorted().forEach(graph::addVertex);
        for (Map.Entry<PackageId, ? extends Collection<PackageId>> e : dependencies.entrySet()) {
            for (PackageId dependency : e.getValue()) {
                if (graph.containsVertex(dependency) && !dependency.equals(e.getKey())) {
                    graph.addEdge(dependency, e.getKey());
                }
            }
        }
        List<List<PackageId>> groups = new ArrayList<>();
        Map<PackageId, Integer> groupOf = new HashMap<>();
        for (Graph<PackageId, DefaultEdge> component : new GabowStrongConnectivityInspector<>(graph)
                .getStronglyConnectedComponents()) {
            List<PackageId> members = component.vertexSet().stream().sorted().toList();
            members.forEach(id -> groupOf.put(id, groups.size()));
            groups.add(members);
        }
        // The condensation over group indices; jgrapht's own condensation uses subgraphs as vertices,
        // whose equality is structural and costly, so it is built here from plain integers.
        Graph<Integer, DefaultEdge> condensation = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (int g = 0; g < groups.size(); g++) {
            condensation.addVertex(g);
        }
        for (DefaultEdge edge : graph.edgeSet()) {
            int from = groupOf.get(graph.getEdgeSource(edge));
            int to = groupOf.get(graph.getEdgeTarget(edge));
            if (from != to) {
                condensation.addEdge(from, to);
            }
        }
        Comparator<Integer> byFirstMember = Comparator.comparing(g -> groups.get(g).get(0));
        List<List<PackageId>> order = new ArrayList<>(groups.size());
        new TopologicalOrderIterator<>(condensation, byFirstMember).forEachRemaining(g -> order.add(groups.get(g)));
        return List.copyOf(order);
    }
}
