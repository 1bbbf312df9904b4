package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The package graph's components, against their definition: two packages share one exactly when their closures are equal. */
class CheckOrderTest {

    @Test
    void packagesShareAComponentExactlyWhenTheirClosuresAreEqual() {
        Random random = new Random(15);
        for (int round = 0; round < 2_000; round++) {
            int n = 1 + random.nextInt(12);
            int[][] graph = new int[n][];
            double density = random.nextDouble() * 0.4;
            for (int p = 0; p < n; p++) {
                graph[p] = random.ints(0, n).limit(n).filter(q -> random.nextDouble() < density).distinct().sorted().toArray();
            }
            int[] component = CheckOrder.components(graph);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    boolean same = CheckOrder.closure(graph, a).equals(CheckOrder.closure(graph, b));
                    assertEquals(same, component[a] == component[b], "packages " + a + " and " + b + " in round " + round);
                }
            }
        }
    }

    /** A chain long enough to overflow a recursive walk's stack: each package its own component. */
    @Test
    void aLongChainNeedsNoDeepStack() {
        int n = 200_000;
        int[][] graph = new int[n][];
        for (int p = 0; p < n; p++) {
            graph[p] = p + 1 < n ? new int[] {p + 1} : new int[0];
        }
        int[] component = CheckOrder.components(graph);
        assertEquals(n, java.util.Arrays.stream(component).distinct().count());
        graph[n - 1] = new int[] {0};
        int[] cycle = CheckOrder.components(graph);
        assertArrayEquals(new int[n], cycle, "one cycle through all: one component, numbered 0");
    }
}
