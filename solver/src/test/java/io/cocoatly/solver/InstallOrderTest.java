package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class InstallOrderTest {

    @Test
    void aChainInstallsFromTheLeafUp() {
        assertEquals("[c@1.0.0] [b@1.0.0] [a@1.0.0]", order("a -> b", "b -> c", "c"));
    }

    @Test
    void aDiamondInstallsTheSharedLeafOnceAndBreaksTiesByName() {
        assertEquals("[d@1.0.0] [b@1.0.0] [c@1.0.0] [a@1.0.0]", order("a -> c b", "c -> d", "b -> d", "d"));
    }

    @Test
    void aCycleIsOneGroupAfterItsDependenciesAndBeforeItsDependents() {
        assertEquals("[z@1.0.0] [a@1.0.0 b@1.0.0 c@1.0.0] [app-cli@1.0.0]",
                order("app-cli -> b", "c -> a", "a -> b", "b -> c z", "z"));
    }

    @Test
    void twoVersionsOfOnePackageAreOrderedByVersion() {
        Map<PackageId, List<PackageId>> graph = new LinkedHashMap<>();
        graph.put(id("a", "2.0.0"), List.of());
        graph.put(id("a", "1.0.0"), List.of());
        graph.put(id("b", "1.0.0"), List.of(id("a", "1.0.0"), id("a", "2.0.0")));
        assertEquals("[a@1.0.0] [a@2.0.0] [b@1.0.0]", describe(InstallOrder.of(graph)));
    }

    @Test
    void aSelfLoopIsAGroupOfOne() {
        assertEquals("[b@1.0.0] [a@1.0.0]", order("a -> a b", "b -> b"));
    }

    @Test
    void dependenciesOutsideTheSelectionAreIgnored() {
        // `app` is the root project: a package may depend on it, but it is not installed.
        Resolution.Solved solved = new Resolution.Solved(List.of(
                new Resolution.SelectedPackage(id("plugin", "1.0.0"), true, List.of(id("app", "1.0.0"), id("util", "1.0.0"))),
                new Resolution.SelectedPackage(id("util", "1.0.0"), false, List.of())),
                true, List.of(), new Statistics(0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertEquals("[util@1.0.0] [plugin@1.0.0]", describe(InstallOrder.of(solved)));
    }

    @Test
    void aResolvedDependencyOnTheRootLeavesTheRootOut() {
        TestIndex index = TestIndex.of("plugin 1.0.0 -> app ^1; b ^1", "b 1.0.0 -> plugin ^1");
        Resolution r = new Resolver(index).resolve(ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> plugin ^1")));
        Resolution.Solved solved = assertInstanceOf(Resolution.Solved.class, r);
        assertEquals("[b@1.0.0 plugin@1.0.0]", describe(InstallOrder.of(solved)));
    }

    @Test
    void theEmptySelectionHasNoGroups() {
        assertEquals(List.of(), InstallOrder.of(Map.of()));
    }

    @Property(tries = 300)
    void everyOrderIsValidAndIndependentOfInputOrder(@ForAll @IntRange(min = 1, max = 9) int size,
            @ForAll long seed) {
        Random random = new Random(seed);
        Map<PackageId, List<PackageId>> graph = randomGraph(size, random);
        List<List<PackageId>> order = InstallOrder.of(graph);
        assertValid(graph, order);

        List<PackageId> keys = new ArrayList<>(graph.keySet());
        Collections.shuffle(keys, random);
        Map<PackageId, List<PackageId>> shuffled = new LinkedHashMap<>();
        for (PackageId k : keys) {
            List<PackageId> deps = new ArrayList<>(graph.get(k));
            Collections.shuffle(deps, random);
            shuffled.put(k, deps);
        }
        assertEquals(order, InstallOrder.of(shuffled));
    }

    /** Checks an order against the definition, with reachability computed here, not by jgrapht. */
    private static void assertValid(Map<PackageId, List<PackageId>> graph, List<List<PackageId>> order) {
        Map<PackageId, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < order.size(); g++) {
            List<PackageId> group = order.get(g);
            assertEquals(group.stream().sorted().toList(), group, "group sorted");
            for (PackageId id : group) {
                assertEquals(null, groupOf.put(id, g), "each package once");
            }
        }
        assertEquals(graph.keySet(), groupOf.keySet());
        for (Map.Entry<PackageId, List<PackageId>> e : graph.entrySet()) {
            for (PackageId dependency : e.getValue()) {
                assertTrue(groupOf.get(dependency) <= groupOf.get(e.getKey()), e.getKey() + " before " + dependency);
            }
        }
        for (PackageId a : graph.keySet()) {
            Set<PackageId> fromA = reach(graph, a);
            for (PackageId b : graph.keySet()) {
                boolean mutual = fromA.contains(b) && reach(graph, b).contains(a);
                assertEquals(mutual, groupOf.get(a).equals(groupOf.get(b)), a + " and " + b + " share a group iff in a cycle");
            }
        }
    }

    private static Set<PackageId> reach(Map<PackageId, List<PackageId>> graph, PackageId start) {
        Set<PackageId> seen = new HashSet<>(Set.of(start));
        Deque<PackageId> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            for (PackageId next : graph.get(todo.pop())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }

    private static Map<PackageId, List<PackageId>> randomGraph(int size, Random random) {
        List<PackageId> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add(id("p" + random.nextInt(4), "1." + i + ".0"));
        }
        Map<PackageId, List<PackageId>> graph = new LinkedHashMap<>();
        for (PackageId id : ids) {
            List<PackageId> deps = new ArrayList<>();
            for (PackageId other : ids) {
                if (random.nextInt(size + 1) == 0) {
                    deps.add(other);
                }
            }
            graph.put(id, deps);
        }
        return graph;
    }

    /** Builds a graph from lines {@code "a -> b c"} (all at version 1.0.0) and describes its order. */
    private static String order(String... lines) {
        Map<PackageId, List<PackageId>> graph = new LinkedHashMap<>();
        for (String line : lines) {
            String[] parts = line.split("->");
            List<PackageId> deps = new ArrayList<>();
            if (parts.length > 1) {
                for (String d : parts[1].trim().split("\\s+")) {
                    deps.add(id(d, "1.0.0"));
                }
            }
            graph.put(id(parts[0].trim(), "1.0.0"), deps);
        }
        return describe(InstallOrder.of(graph));
    }

    private static String describe(List<List<PackageId>> order) {
        return order.stream().map(g -> g.stream().map(PackageId::toString).collect(Collectors.joining(" ", "[", "]")))
                .collect(Collectors.joining(" "));
    }

    private static PackageId id(String name, String version) {
        return PackageId.of(name, version);
    }
}
