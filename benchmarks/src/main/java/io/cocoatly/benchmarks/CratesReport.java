package io.cocoatly.benchmarks;

import io.cocoatly.model.PackageId;
import io.cocoatly.solver.Resolver;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the crates.io figures of {@code docs/performance.md} as markdown: index load time, then
 * every top-300 root resolved under Cargo's one-version-per-class rule, warmed up and then timed
 * repeatedly in one JVM. Run it with {@code benchmarks/run.sh report}.
 *
 * <p>Options: {@code --warmup=N} passes over all roots before timing (default {@link JitWarmup#PASSES}),
 * then up to as many more until the JIT settles ({@link JitWarmup}), {@code --runs=N} timed runs per
 * root (default 21), {@code --limit=N} first N roots only, {@code --no-scan} to skip
 * parsing the whole index for the load counts, {@code --roots=a,b} to time only the named roots.
 * Every solution is checked by {@link SolutionCheck}; a root whose solution breaks a constraint is
 * listed with its problems.
 */
public final class CratesReport {

    private final PrintStream out;
    private int warmup = JitWarmup.PASSES;
    private int runs = 21;
    private int limit = Integer.MAX_VALUE;
    private boolean scan = true;
    private List<String> only = List.of();

    private CratesReport(PrintStream out) {
        this.out = out;
    }

    /** Runs the report on standard output. */
    public static void main(String[] args) {
        CratesReport report = new CratesReport(System.out);
        for (String arg : args) {
            report.option(arg);
        }
        report.run();
    }

    private void option(String arg) {
        if (arg.startsWith("--warmup=")) {
            warmup = Integer.parseInt(arg.substring(9));
        } else if (arg.startsWith("--runs=")) {
            runs = Math.max(1, Integer.parseInt(arg.substring(7)));
        } else if (arg.startsWith("--limit=")) {
            limit = Integer.parseInt(arg.substring(8));
        } else if (arg.startsWith("--roots=")) {
            only = List.of(arg.substring(8).split(","));
        } else if (arg.equals("--no-scan")) {
            scan = false;
        } else {
            throw new IllegalArgumentException("unknown option: " + arg
                    + " (use --warmup=N, --runs=N, --limit=N, --roots=a,b, --no-scan)");
        }
    }

    private void run() {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CratesIndex index = CratesIndex.open();
        List<PackageId> roots = CratesRoots.load();
        if (!only.isEmpty()) {
            roots = roots.stream().filter(id -> only.contains(id.name().value())).toList();
        }
        roots = roots.subList(0, Math.min(limit, roots.size()));
        Resolver resolver = new Resolver(index);

        long firstStart = System.nanoTime();
        pass(resolver, roots);
        long firstPass = System.nanoTime() - firstStart;
        LoadCounts touched = index.counts();
        for (int i = 1; i < warmup; i++) {
            pass(resolver, roots);
        }
        List<PackageId> warmRoots = roots;
        int settling = JitWarmup.settle(() -> pass(resolver, warmRoots), warmup);
        List<RootTiming> timings = new ArrayList<>();
        for (PackageId root : roots) {
            timings.add(RootTiming.measure(index, resolver, root, runs));
        }

        out.println("# crates.io 2019-11-10: top " + roots.size() + " roots");
        out.println();
        out.println("Started " + started + "; commit " + System.getProperty("cocoatly.commit", "unknown")
                + "; Java " + Runtime.version() + " on " + Runtime.getRuntime().availableProcessors()
                + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; " + warmup
                + " warm-up passes, then " + settling + " more " + JitWarmup.UNTIL + "; " + runs
                + " timed runs per root; policy SEMVER_MAJOR.");
        out.println();
        new ReportTables(out).summary(index, firstPass, timings).perRoot(timings).problems(timings).counts("crates parsed by the roots", touched);
        if (scan) {
            long scanStart = System.nanoTime();
            int[] crates = {0};
            LoadCounts all = index.parseAll(listing -> crates[0]++);
            out.println();
            out.println("Parsing all " + crates[0] + " crates once (not cached) took "
                    + Percentiles.millis(System.nanoTime() - scanStart) + " ms.");
            new ReportTables(out).counts("whole index", all);
        }
    }

    private static void pass(Resolver resolver, List<PackageId> roots) {
        for (PackageId root : roots) {
            try {
                resolver.resolve(CratesRoots.request(root));
            } catch (io.cocoatly.model.CocoatlyException e) {
                // Reported per root by the timed runs; warm-up only needs the code paths exercised.
                continue;
            }
        }
    }
}
