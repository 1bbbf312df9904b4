package io.cocoatly.benchmarks;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.testkit.InMemoryIndex;
import io.cocoatly.solver.CheckReport;
import io.cocoatly.solver.Resolver;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;

/**
 * Times the registry-wide check and prints a markdown table: small generated registries
 * ({@link RegistryGenerator.Shape#small()}, seeds 1 to 3), then larger ones
 * ({@link RegistryGenerator.Shape#realistic()}) under both policies, then every version of the
 * top-300 crates.io crates. Each case is warmed up, then timed {@code --runs=N} times (default 11);
 * the table gives the median. Every verdict is compared with resolving a project pinned to that
 * version ({@link CheckCrossCheck}), outside the timing. Run it with {@code benchmarks/run.sh check}.
 */
public final class CheckRun {

    private final PrintStream out;
    private final int warmup;
    private final int runs;
    private final List<String> disagreementNotes = new java.util.ArrayList<>();

    private CheckRun(PrintStream out, int warmup, int runs) {
        this.out = out;
        this.warmup = warmup;
        this.runs = runs;
    }

    /** Options: {@code --warmup=N} (default 5), {@code --runs=N} (default 11), {@code --no-crates}. */
    public static void main(String[] args) {
        int warmup = 5;
        int runs = 11;
        boolean crates = true;
        for (String arg : args) {
            if (arg.startsWith("--warmup=")) {
                warmup = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--runs=")) {
                runs = Math.max(1, Integer.parseInt(arg.substring(7)));
            } else if (arg.equals("--no-crates")) {
                crates = false;
            } else {
                throw new IllegalArgumentException("unknown option: " + arg + " (use --warmup=N, --runs=N, --no-crates)");
            }
        }
        new CheckRun(System.out, warmup, runs).run(crates);
    }

    private void run(boolean crates) {
        out.println("# Registry-wide check");
        out.println();
        out.println("Commit " + System.getProperty("cocoatly.commit", "unknown") + "; Java " + Runtime.version() + " on "
                + Runtime.getRuntime().availableProcessors() + " cores; " + warmup + " warm-up and " + runs
                + " timed checks per row; median and p90 of the wall time of Resolver.check.");
        out.println();
        out.println("| registry | policy | packages | versions | uninstallable | disagree with resolve | solver calls"
                + " | median ms | p90 ms | µs per version |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (long seed = 1; seed <= 3; seed++) {
            InMemoryIndex small = RegistryGenerator.generate(seed, RegistryGenerator.Shape.small());
            row("generated small, seed " + seed, small, small.packages(), VersionPolicy.ONE_PER_PACKAGE);
        }
        for (long seed = 1; seed <= 3; seed++) {
            InMemoryIndex registry = RegistryGenerator.generate(seed, RegistryGenerator.Shape.realistic());
            for (VersionPolicy policy : VersionPolicy.values()) {
                row("generated seed " + seed, registry, registry.packages(), policy);
            }
        }
        if (crates) {
            CratesIndex index = CratesIndex.open();
            List<PackageName> top = CratesRoots.load().stream().map(PackageId::name).toList();
            row("crates.io top-300 crates, all versions", index, top, VersionPolicy.SEMVER_MAJOR);
        }
        if (!disagreementNotes.isEmpty()) {
            out.println();
            out.println("Check and resolve disagree (first five per row):");
            disagreementNotes.forEach(d -> out.println("- " + d));
        }
    }

    private void row(String label, PackageIndex index, Collection<PackageName> packages, VersionPolicy policy) {
        Resolver resolver = new Resolver(index);
        CheckReport report = null;
        for (int i = 0; i < warmup; i++) {
            report = resolver.check(packages, policy);
        }
        long[] wall = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            report = resolver.check(packages, policy);
            wall[i] = System.nanoTime() - start;
        }
        long median = Percentiles.median(wall);
        int versions = report.results().size();
        List<String> disagreements = CheckCrossCheck.disagreements(resolver, report, policy);
        out.println("| " + label + " | " + policy + " | " + packages.size() + " | " + versions + " | "
                + report.uninstallable() + " | " + disagreements.size() + " | " + report.solverCalls() + " | "
                + Percentiles.millis(median) + " | "
                + Percentiles.millis(Percentiles.of(wall, 90)) + " | "
                + String.format(java.util.Locale.ROOT, "%.1f", median / 1e3 / Math.max(1, versions)) + " |");
        disagreementNotes.addAll(disagreements.stream().limit(5).map(d -> label + ", " + policy + ": " + d).toList());
    }
}
