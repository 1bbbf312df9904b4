package io.cocoatly.benchmarks;

import io.cocoatly.model.PackageId;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * What each build's class loader runs for {@link Interleaved}: one resolver over the snapshot, the
 * roots of one {@link Set}, and one timed resolution. Public and static, for the other loader's caller
 * to reach by reflection; a class of its own (not nested in {@link Interleaved}), so that a build that
 * has an older {@code Interleaved} still borrows this one.
 */
public final class InterleavedRunner {

    /** The roots a comparison times. */
    public enum Set {
        /** The top-300 crates at their last version. */
        TOP("top roots"),
        /** Every non-yanked version of those crates ({@link RootVersions}). */
        VERSIONS("versions"),
        /** The unsatisfiable ones among those versions, without the explanation: the verdict alone. */
        UNSAT("unsatisfiable versions, no explanation"),
        /** The same, explained. */
        UNSAT_EXPLAINED("unsatisfiable versions, explained");

        /** How the report names the set. */
        public final String description;

        Set(String description) {
            this.description = description;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static Resolver resolver;
    private static List<ResolveRequest> requests;
    private static List<PackageId> names;

    private InterleavedRunner() {
    }

    /**
     * Opens the snapshot, warms the resolver on the top roots {@code warmup} times, and picks the
     * requests of the set named {@code set} (a {@link Set} constant), resolved three times more.
     */
    public static void setup(int warmup, String set) {
        Set chosen = Set.valueOf(set);
        CratesIndex index = CratesIndex.open();
        List<PackageId> roots = CratesRoots.load(DataFiles.rootsFile());
        resolver = new Resolver(index);
        List<ResolveRequest> top = roots.stream().map(CratesRoots::request).toList();
        for (int w = 0; w < warmup; w++) {
            top.forEach(InterleavedRunner::resolve);
        }
        requests = top;
        names = roots;
        if (chosen != Set.TOP) {
            names = RootVersions.of(index, roots);
            requests = names.stream().map(CratesRoots::request).toList();
        }
        if (chosen == Set.UNSAT || chosen == Set.UNSAT_EXPLAINED) {
            List<PackageId> unsat = new ArrayList<>();
            for (PackageId id : names) {
                if (resolve(CratesRoots.request(id)) instanceof Resolution.Unsatisfiable) {
                    unsat.add(id);
                }
            }
            names = unsat;
            requests = unsat.stream().map(id -> CratesRoots.request(id).withExplanation(chosen == Set.UNSAT_EXPLAINED))
                    .toList();
        }
        if (chosen != Set.TOP) {
            for (int w = 0; w < 3; w++) {
                requests.forEach(InterleavedRunner::resolve);
            }
        }
    }

    /** Thread CPU time of resolving request {@code i} once, in ns. */
    public static long once(int i) {
        long start = THREADS.getCurrentThreadCpuTime();
        resolve(requests.get(i));
        return THREADS.getCurrentThreadCpuTime() - start;
    }

    /** How many requests there are. */
    public static int size() {
        return requests.size();
    }

    /** The root of request {@code i}. */
    public static String name(int i) {
        return names.get(i).toString();
    }

    /** The resolution of {@code request}, or null when it threw (an answer too, timed the same). */
    private static Resolution resolve(ResolveRequest request) {
        try {
            return resolver.resolve(request);
        } catch (RuntimeException e) {
            // ResolveSpeed counts errors; here they are timed like any answer.
            return null;
        }
    }
}
