package io.cocoatly.benchmarks;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import io.cocoatly.solver.Statistics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Repeated resolutions of one root: the outcome of the last run and the medians of each timing.
 *
 * @param root        the crate resolved
 * @param outcome     {@code solved}, {@code unsatisfiable} or {@code error <code>}
 * @param optimal     whether the last solution was proven optimal
 * @param problems    what {@link SolutionCheck} found wrong with the last solution, empty if valid
 * @param selected    packages in the last solution (0 when not solved)
 * @param statistics  the last run's statistics (null on error)
 * @param medianNanos median wall time of {@link Resolver#resolve}
 * @param p90Nanos    90th percentile of the wall time
 * @param cpuNanos    median CPU time of the resolving thread: unlike wall time, not inflated when other
 *                    processes take the cores
 * @param loadNanos   median {@link Statistics#load()}
 * @param encodeNanos median {@link Statistics#encode()}
 * @param solveNanos  median {@link Statistics#solve()}
 */
record RootTiming(PackageId root, String outcome, boolean optimal, List<String> problems, int selected, Statistics statistics,
                  long medianNanos, long p90Nanos, long cpuNanos, long loadNanos, long encodeNanos, long solveNanos) {

    /** Resolves {@code root} {@code runs} times back to back. */
    static RootTiming measure(PackageIndex index, Resolver resolver, PackageId root, int runs) {
        ResolveRequest request = CratesRoots.request(root);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        long[] load = new long[runs];
        long[] encode = new long[runs];
        long[] solve = new long[runs];
        Resolution last = null;
        for (int i = 0; i < runs; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            try {
                last = resolver.resolve(request);
            } catch (CocoatlyException e) {
                return new RootTiming(root, "error " + e.code(), false, List.of(), 0, null, 0, 0, 0, 0, 0, 0);
            }
            wall[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
            Statistics s = last.statistics();
            load[i] = s.load().toNanos();
            encode[i] = s.encode().toNanos();
            solve[i] = s.solve().toNanos();
        }
        boolean solved = last instanceof Resolution.Solved;
        boolean optimal = solved && ((Resolution.Solved) last).optimal();
        int selected = solved ? ((Resolution.Solved) last).packages().size() : 0;
        List<String> problems = solved ? SolutionCheck.problems(index, request, (Resolution.Solved) last) : List.of();
        return new RootTiming(root, solved ? "solved" : "unsatisfiable", optimal, problems, selected,
                last.statistics(),
                Percentiles.median(wall), Percentiles.of(wall, 90), Percentiles.median(cpu), Percentiles.median(load),
                Percentiles.median(encode), Percentiles.median(solve));
    }

    public RootTiming {
        problems = List.copyOf(problems);
    }

    boolean failed() {
        return statistics == null;
    }
}
