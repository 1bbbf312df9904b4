package io.cocoatly.benchmarks;

import java.io.PrintStream;
import java.util.List;

/** The markdown tables of {@link CratesReport}. */
final class ReportTables {

    private final PrintStream out;

    ReportTables(PrintStream out) {
        this.out = out;
    }

    ReportTables summary(CratesIndex index, long firstPassNanos, List<RootTiming> timings) {
        List<RootTiming> ok = timings.stream().filter(t -> !t.failed()).toList();
        long[] medians = ok.stream().mapToLong(RootTiming::medianNanos).toArray();
        long load = ok.stream().mapToLong(RootTiming::loadNanos).sum();
        long encode = ok.stream().mapToLong(RootTiming::encodeNanos).sum();
        long solve = ok.stream().mapToLong(RootTiming::solveNanos).sum();
        long split = Math.max(1, load + encode + solve);
        long wall = Math.max(1, ok.stream().mapToLong(RootTiming::medianNanos).sum());
        out.println("| figure | value |");
        out.println("|---|---|");
        row("index load (decompress + index lines), ms", Percentiles.millis(index.openTime().toNanos()));
        row("crates / uncompressed MB", index.size() + " / " + index.uncompressedBytes() / (1 << 20));
        row("first pass over all roots (cold: JSON parsing + JIT), ms", Percentiles.millis(firstPassNanos));
        row("roots: solved / proven optimal / unsatisfiable / error", ok.stream().filter(t -> t.outcome().equals("solved")).count()
                + " / " + ok.stream().filter(RootTiming::optimal).count()
                + " / " + ok.stream().filter(t -> t.outcome().equals("unsatisfiable")).count()
                + " / " + (timings.size() - ok.size()));
        row("solutions failing the independent check", ok.stream().filter(t -> !t.problems().isEmpty()).count());
        if (medians.length > 0) {
            row("**median of per-root medians, ms**", "**" + Percentiles.millis(Percentiles.median(medians)) + "**");
            row("p90 of per-root medians, ms", Percentiles.millis(Percentiles.of(medians, 90)));
            long[] cpu = ok.stream().mapToLong(RootTiming::cpuNanos).toArray();
            row("thread CPU time: median / p90 of per-root medians, ms", Percentiles.millis(Percentiles.median(cpu))
                    + " / " + Percentiles.millis(Percentiles.of(cpu, 90)));
            row("max of per-root medians, ms", Percentiles.millis(Percentiles.of(medians, 100)));
            row("sum of per-root medians (all roots once), ms", Percentiles.millis(wall));
            row("split load / encode / solve (sum of per-root medians), ms",
                    Percentiles.millis(load) + " / " + Percentiles.millis(encode) + " / " + Percentiles.millis(solve));
            row("split load / encode / solve, %", percent(load, split) + " / " + percent(encode, split) + " / "
                    + percent(solve, split));
            row("outside Statistics (wall - load - encode - solve), %", percent(wall - split, wall));
        }
        return this;
    }

    ReportTables perRoot(List<RootTiming> timings) {
        out.println();
        out.println("| # | crate | outcome | optimal | selected | loaded | vars | constraints | calls"
                + " | median ms | p90 ms | cpu ms | load | encode | solve |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        int i = 0;
        for (RootTiming t : timings) {
            i++;
            if (t.failed()) {
                out.println("| " + i + " | " + t.root() + " | " + t.outcome() + " |  |  |  |  |  |  |  |  |  |  |  |  |");
                continue;
            }
            var s = t.statistics();
            out.println("| " + i + " | " + t.root() + " | " + t.outcome() + " | " + (t.optimal() ? "yes" : "no")
                    + " | " + t.selected() + " | " + s.packagesLoaded() + " | " + s.variables() + " | "
                    + s.constraints() + " | " + s.solverCalls() + " | " + Percentiles.millis(t.medianNanos())
                    + " | " + Percentiles.millis(t.p90Nanos()) + " | " + Percentiles.millis(t.cpuNanos()) + " | "
                    + Percentiles.millis(t.loadNanos()) + " | "
                    + Percentiles.millis(t.encodeNanos()) + " | " + Percentiles.millis(t.solveNanos()) + " |");
        }
        return this;
    }

    ReportTables problems(List<RootTiming> timings) {
        for (RootTiming t : timings) {
            if (!t.problems().isEmpty()) {
                out.println();
                out.println("Solution for " + t.root() + " fails the independent check:");
                t.problems().stream().limit(10).forEach(p -> out.println("- " + p));
            }
        }
        return this;
    }

    ReportTables counts(String title, LoadCounts c) {
        out.println();
        out.println("| load counts: " + title + " | count |");
        out.println("|---|---|");
        row("crates parsed", c.crates());
        row("releases kept", c.releases());
        row("releases skipped: version not strict SemVer", c.releasesBadVersion());
        row("releases skipped: duplicate version (build metadata aside)", c.releasesDuplicateVersion());
        row("releases skipped: requirement did not parse", c.releasesBadRequirement());
        row("releases skipped: invalid dependency name", c.releasesBadDependencyName());
        row("releases skipped: range parser crashed (a bug, see docs/performance.md)", c.releasesRequirementCrash());
        row("dependencies kept (normal + build, after merging)", c.dependenciesKept());
        row("dependency entries merged into another on the same crate", c.dependenciesMerged());
        row("dev dependencies dropped", c.dependenciesDev());
        row("optional dependencies dropped", c.dependenciesOptional());
        return this;
    }

    private void row(String figure, Object value) {
        out.println("| " + figure + " | " + value + " |");
    }

    private static String percent(long part, long whole) {
        return String.format(java.util.Locale.ROOT, "%.1f", 100.0 * part / whole);
    }
}
