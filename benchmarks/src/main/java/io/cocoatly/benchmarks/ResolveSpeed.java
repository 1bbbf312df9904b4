package io.cocoatly.benchmarks;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The resolve part of issue 15 in one run: thread CPU time per root, warm and in-process, for (a) the
 * top-300 roots, each timed through one {@link Resolver} and again each through a new one (its first
 * resolution, with none of the range matches an earlier resolution of the same root leaves in the
 * resolver: pubgrub-rs's figures resolve each root once), (b) every non-yanked version of those crates as a root, (c) the unsatisfiable roots
 * of (b) with and without the explanation, (d) all top roots pinned together in one project, each with
 * the ratio to pubgrub-rs's figures on the same converted data (absolute: pubgrub cannot be installed
 * here). Every solution passes {@link SolutionCheck} outside the timing, once every root of its set is
 * timed (checked between two roots, it cost the next root's runs: one build's top-300 total read
 * 11.9–13.5 ms, against 10.0–11.4 ms this way in the JVMs between), and a digest of every answer
 * (selections, objective, optimality, unsatisfiable verdicts and the packages their explanations name; the
 * unexplained runs are left out, so that commits without the option compare)
 * lets two commits be compared. A second table splits (a) and (b) by how each root was answered
 * ({@link Answered}: the newest versions proven without an encoding, the first guess proven by the
 * bounds, the SAT solver called, or no solution), so that where the time goes is read from this run rather
 * than from a profile. Run it with {@code benchmarks/run.sh speed}; without the crates.io
 * snapshot it runs on the committed excerpt, whose figures have no pubgrub counterpart.
 *
 * <p>Options: {@code --warmup=N} passes over (a) before it is timed (default {@link JitWarmup#PASSES}),
 * then more passes over (a), up to as many again, until three in a row leave the JIT all but idle;
 * and, whatever N, at most {@value #VERSION_WARMUP} passes over (b) before it (fewer when N is smaller:
 * one per 20, at least one),
 * {@code --runs=N} timed runs per root of (a) and (d) (default 11), {@code --version-runs=N} per root of
 * (b) and (c) (default 3), {@code --excerpt} to use the excerpt even where the snapshot is present.
 */
public final class ResolveSpeed {

    /** pubgrub-rs 0.2.1 on the same data (issue 15): top-300 median, p90, max, total in ms. */
    private static final double[] PUBGRUB_TOP = {0.0039, 0.040, 0.46, 5.2};
    /** pubgrub-rs on all versions of those crates: median and total in ms. */
    private static final double[] PUBGRUB_VERSIONS = {0.0043, 200};
    /** pubgrub-rs on the unsatisfiable roots: median in ms. */
    private static final double PUBGRUB_UNSAT = 0.005;
    /** pubgrub-rs on all 300 pinned together: the lower end of 3–6 ms. */
    private static final double PUBGRUB_PINNED = 3;

    private final PrintStream out;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MessageDigest digest;
    /** Passes over every version (b) before it is timed, at most: each takes seconds. */
    private static final int VERSION_WARMUP = 2;

    private int warmup = JitWarmup.PASSES;
    private int runs = 11;
    private int versionRuns = 3;
    private boolean excerpt;
    private int problems;
    private int notProven;
    private int errors;

    private ResolveSpeed(PrintStream out) {
        this.out = out;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Runs the comparison on standard output. */
    public static void main(String[] args) {
        ResolveSpeed speed = new ResolveSpeed(System.out);
        for (String arg : args) {
            speed.option(arg);
        }
        speed.run();
    }

    /**
     * Runs with the given options, printing to {@code out}; returns the number of invalid or unproven
     * answers and of resolutions that threw.
     */
    static int run(PrintStream out, String... args) {
        ResolveSpeed speed = new ResolveSpeed(out);
        for (String arg : args) {
            speed.option(arg);
        }
        speed.run();
        return speed.problems + speed.notProven + speed.errors;
    }

    private void option(String arg) {
        if (arg.startsWith("--warmup=")) {
            warmup = Integer.parseInt(arg.substring(9));
        } else if (arg.startsWith("--runs=")) {
            runs = Math.max(1, Integer.parseInt(arg.substring(7)));
        } else if (arg.startsWith("--version-runs=")) {
            versionRuns = Math.max(1, Integer.parseInt(arg.substring(15)));
        } else if (arg.equals("--excerpt")) {
            excerpt = true;
        } else {
            throw new IllegalArgumentException("unknown option: " + arg
                    + " (use --warmup=N, --runs=N, --version-runs=N, --excerpt)");
        }
    }

    private void run() {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        boolean snapshot = !excerpt && DataFiles.find().isPresent();
        CratesIndex index = snapshot ? CratesIndex.open() : CratesIndex.openExcerpt();
        List<PackageId> roots = CratesRoots.load(snapshot ? DataFiles.rootsFile() : DataFiles.excerptRootsFile());
        Resolver resolver = new Resolver(index);
        out.println("# Resolve speed: " + (snapshot ? "crates.io 2019-11-10" : "the committed excerpt "
                + DataFiles.EXCERPT + " (no pubgrub figures for it: ratios are not comparable)"));
        out.println();
        out.println("Started " + started + "; commit " + System.getProperty("cocoatly.commit", "unknown") + "; Java "
                + Runtime.version() + " on " + Runtime.getRuntime().availableProcessors() + " cores; load average "
                + String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + " at start; policy SEMVER_MAJOR; thread CPU time, warm, in-process.");
        out.println();

        List<ResolveRequest> top = roots.stream().map(CratesRoots::request).toList();
        Runnable warmPass = () -> top.forEach(r -> time(resolver, r));
        for (int i = 0; i < warmup; i++) {
            warmPass.run();
        }
        int settling = JitWarmup.settle(warmPass, warmup);
        long compiledBefore = JitWarmup.compiledMillis();
        long probeBefore = CoreProbe.probeNanos();
        Sample a = measure(index, resolver, top, runs, true);
        long compiledDuringA = compiledBefore < 0 ? -1 : JitWarmup.compiledMillis() - compiledBefore;
        // Not digested: the same roots as (a), so the digest still compares with commits without this row.
        Sample first = measure(index, () -> new Resolver(index), top, runs, false);

        List<ResolveRequest> versions = RootVersions.of(index, roots).stream().map(CratesRoots::request).toList();
        for (int i = 0; i < Math.min(VERSION_WARMUP, Math.max(1, warmup / 20)); i++) {
            versions.forEach(r -> time(resolver, r));
        }
        Sample b = measure(index, resolver, versions, versionRuns, true);
        long probeAfter = CoreProbe.probeNanos();

        List<ResolveRequest> unsat = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            if (b.answered[i] == Answered.UNSATISFIABLE) {
                unsat.add(versions.get(i));
            }
        }
        List<ResolveRequest> unsatBare = unsat.stream().map(r -> r.withExplanation(false)).toList();
        unsatBare.forEach(r -> time(resolver, r));
        Sample cBare = measure(index, resolver, unsatBare, versionRuns, false);
        Sample cExplained = measure(index, resolver, unsat, versionRuns, true);

        ResolveRequest pinned = pinnedTogether(roots);
        time(resolver, pinned);
        Sample dExplained = measure(index, resolver, List.of(pinned), Math.max(1, runs / 2), true);
        Sample dBare = measure(index, resolver, List.of(pinned.withExplanation(false)), runs, false);

        out.println("| set | roots | solved / unsat | median | p90 | max | total | pubgrub-rs | ratio |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        row("(a) top roots", a, snapshot ? PUBGRUB_TOP : null);
        row("(a) top roots, each once through a new Resolver", first, snapshot ? PUBGRUB_TOP : null);
        row("(b) all their versions", b, snapshot ? new double[] {PUBGRUB_VERSIONS[0], Double.NaN, Double.NaN,
                PUBGRUB_VERSIONS[1]} : null);
        row("(c) unsatisfiable of (b), no explanation", cBare, snapshot ? unsatTarget() : null);
        row("(c) unsatisfiable of (b), explained", cExplained, snapshot ? unsatTarget() : null);
        row("(d) all top roots pinned together, no explanation", dBare, snapshot ? pinnedTarget() : null);
        row("(d) all top roots pinned together, explained", dExplained, snapshot ? pinnedTarget() : null);
        out.println();
        out.println("Times in ms: median, p90 and max of the per-root medians (thread CPU), total their sum; "
                + "ratio = ours / pubgrub-rs for each figure it has. Timed runs per root: (a) " + runs + " each way, (b) and (c) "
                + versionRuns + ", (d) " + Math.max(1, runs / 2) + " explained and " + runs + " not.");
        out.println();
        out.println("Where the time goes, by how each root was answered: roots; the sum of their per-root medians;"
                + " its share of the set's total.");
        out.println();
        StringBuilder header = new StringBuilder("| set |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Answered kind : Answered.values()) {
            header.append(' ').append(kind.title).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        breakdown("(a) top roots", a);
        breakdown("(b) all their versions", b);
        out.println();
        costliest(versions, b);
        out.println();
        out.println("An empty timed interval (two reads of the thread's CPU clock) measures " + String.format(Locale.ROOT,
                "%.4f", clockCost() / 1e6) + " ms here; every figure above includes it once per root.");
        out.println("Warm-up: " + warmup + " passes over (a), then " + settling + " more " + JitWarmup.UNTIL
                + " (at most " + warmup + " more); it compiled "
                + (compiledDuringA < 0 ? "an unknown time" : compiledDuringA + " ms") + " while (a) was timed (the"
                + " independent check of every answer, after the set's timed runs, included).");
        out.println("Where the timing thread ran, noted before each root's runs: (a) " + a.cores().describe()
                + "; (b) " + b.cores().describe() + ". A fixed walk through 8 MB of memory (the same in every build)"
                + " took " + String.format(Locale.ROOT, "%.1f", probeBefore / 1e6) + " ms of thread CPU before (a)"
                + " and " + String.format(Locale.ROOT, "%.1f", probeAfter / 1e6) + " ms after (b): a report whose"
                + " walk was slower measured a slower machine (docs/performance.md).");
        out.println("Roots that called the SAT solver (the rest were proven from the first guess and the bounds):"
                + " (a) " + a.withSolver() + " of " + top.size() + ", (b) " + b.withSolver() + " of " + versions.size()
                + ", (c) without explanation " + cBare.withSolver() + " of " + unsat.size() + ".");
        out.println("Solutions failing the independent check: " + problems + "; solved but not proven optimal: "
                + notProven + "; resolutions that threw: " + errors + ".");
        out.println("Answers digest (SHA-256 of every selection, objective, verdict and named package): "
                + HexFormat.of().formatHex(digest.digest()));
        out.println("Load average at the end: " + String.format(Locale.ROOT, "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    /** The median of 1,001 empty intervals timed as the roots are: the clock's own cost, in ns. */
    private long clockCost() {
        long[] empty = new long[1001];
        for (int i = 0; i < empty.length; i++) {
            long start = threads.getCurrentThreadCpuTime();
            empty[i] = threads.getCurrentThreadCpuTime() - start;
        }
        return Percentiles.median(empty);
    }

    private static double[] unsatTarget() {
        return new double[] {PUBGRUB_UNSAT, Double.NaN, Double.NaN, Double.NaN};
    }

    private static double[] pinnedTarget() {
        return new double[] {PUBGRUB_PINNED, Double.NaN, Double.NaN, Double.NaN};
    }

    /** {@code bench-root} depending on exactly every root's version at once. */
    private static ResolveRequest pinnedTogether(List<PackageId> roots) {
        List<Dependency> dependencies = new ArrayList<>();
        for (PackageId root : roots) {
            String requirement = "=" + root.version();
            dependencies.add(new Dependency(root.name(), requirement, CargoRequirement.parse(requirement)));
        }
        Manifest manifest = new Manifest(CratesRoots.ROOT.name(), CratesRoots.ROOT.version(), dependencies);
        return ResolveRequest.of(manifest).withPolicy(VersionPolicy.SEMVER_MAJOR);
    }

    /**
     * Per-root median times, how each root was answered (null: the resolution threw), how many called
     * sat4j (the unsatisfiable ones too), and the cores the timing thread was found on.
     */
    private record Sample(long[] medians, Answered[] answered, int withSolver, CoreProbe cores) {

        /** How many roots were answered {@code kind}. */
        int count(java.util.function.Predicate<Answered> kind) {
            int n = 0;
            for (Answered a : answered) {
                n += a != null && kind.test(a) ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * How a root was answered, read from its resolution's statistics: the newest versions proven
     * without an encoding, the first guess proven by the bounds, the SAT solver called, or no solution.
     */
    enum Answered {
        NEWEST("newest versions, no encoding"),
        BOUNDS("proven by the bounds"),
        SOLVER("called the SAT solver"),
        UNSATISFIABLE("unsatisfiable");

        final String title;

        Answered(String title) {
            this.title = title;
        }

        /** How {@code r} was answered; null for a resolution that threw. */
        static Answered of(Resolution r) {
            if (r == null) {
                return null;
            } else if (r instanceof Resolution.Unsatisfiable) {
                return UNSATISFIABLE;
            } else if (r.statistics().solverCalls() > 0) {
                return SOLVER;
            }
            return r.statistics().variables() == 0 ? NEWEST : BOUNDS;
        }
    }

    private Sample measure(PackageIndex index, Resolver resolver, List<ResolveRequest> requests, int n,
                           boolean digested) {
        return measure(index, () -> resolver, requests, n, digested);
    }

    /**
     * As above, each run through the resolver {@code resolvers} gives; making it is timed with the
     * run, so a supplier of new resolvers times first resolutions.
     */
    private Sample measure(PackageIndex index, Supplier<Resolver> resolvers, List<ResolveRequest> requests, int n,
                           boolean digested) {
        long[] medians = new long[requests.size()];
        Resolution[] answers = new Resolution[requests.size()];
        Answered[] answered = new Answered[requests.size()];
        int withSolver = 0;
        CoreProbe cores = new CoreProbe();
        for (int i = 0; i < requests.size(); i++) {
            ResolveRequest request = requests.get(i);
            cores.note();
            long[] cpu = new long[n];
            Resolution last = null;
            for (int k = 0; k < n; k++) {
                long start = threads.getCurrentThreadCpuTime();
                last = time(resolvers.get(), request);
                cpu[k] = threads.getCurrentThreadCpuTime() - start;
            }
            medians[i] = Percentiles.median(cpu);
            answers[i] = last;
            withSolver += last != null && last.statistics().solverCalls() > 0 ? 1 : 0;
            answered[i] = Answered.of(last);
        }
        // Checked once every root is timed: the independent check walks other data than a resolution,
        // and run between two roots it left the next one's first runs to fetch theirs from memory anew.
        for (int i = 0; i < requests.size(); i++) {
            record(index, requests.get(i), answers[i], digested);
        }
        return new Sample(medians, answered, withSolver, cores);
    }

    private static Resolution time(Resolver resolver, ResolveRequest request) {
        try {
            return resolver.resolve(request);
        } catch (CocoatlyException e) {
            // Reported as neither solved nor unsatisfiable; the digest records the code.
            return null;
        }
    }

    /** Checks {@code answer} outside the timing and, if {@code digested}, adds it to the digest. */
    private void record(PackageIndex index, ResolveRequest request, Resolution answer, boolean digested) {
        StringBuilder line = new StringBuilder(request.root().dependencies().toString());
        if (answer instanceof Resolution.Solved s) {
            List<String> found = SolutionCheck.problems(index, request, s);
            if (!found.isEmpty()) {
                problems++;
                out.println("- " + request.root().dependencies() + ": " + found);
            }
            if (!s.optimal()) {
                notProven++;
            }
            line.append(" solved ").append(s.optimal()).append(s.objective()).append(s.packages());
        } else if (answer instanceof Resolution.Unsatisfiable u) {
            line.append(" unsatisfiable ").append(new java.util.TreeSet<>(u.packages()));
        } else {
            errors++;
            line.append(" error");
        }
        if (digested) {
            // The verdicts without explanation name no packages; they are the same roots as the explained ones.
            digest.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
    }


    private void row(String name, Sample s, double[] pubgrub) {
        if (s.medians.length == 0) {
            out.println("| " + name + " | 0 | | | | | | | |");
            return;
        }
        double[] ours = {Percentiles.median(s.medians) / 1e6, Percentiles.of(s.medians, 90) / 1e6,
                Percentiles.of(s.medians, 100) / 1e6, java.util.Arrays.stream(s.medians).sum() / 1e6};
        StringBuilder peer = new StringBuilder();
        StringBuilder ratio = new StringBuilder();
        if (pubgrub != null) {
            for (int i = 0; i < 4; i++) {
                if (!Double.isNaN(pubgrub[i])) {
                    String sep = peer.length() == 0 ? "" : " / ";
                    peer.append(sep).append(new String[] {"med ", "p90 ", "max ", "total "}[i]).append(fmt(pubgrub[i]));
                    ratio.append(sep).append(String.format(Locale.ROOT, "%.1f×", ours[i] / pubgrub[i]));
                }
            }
        }
        int unsat = s.count(a -> a == Answered.UNSATISFIABLE);
        int solved = s.count(a -> a != Answered.UNSATISFIABLE);
        out.println("| " + name + " | " + s.medians.length + " | " + solved + " / " + unsat + " | " + fmt(ours[0])
                + " | " + fmt(ours[1]) + " | " + fmt(ours[2]) + " | " + fmt(ours[3]) + " | " + peer + " | " + ratio + " |");
    }

    /** One row of the breakdown by {@link Answered}: each kind's roots, their time and its share. */
    private void breakdown(String name, Sample s) {
        long[] time = new long[Answered.values().length];
        int[] count = new int[time.length];
        long total = 0;
        for (int i = 0; i < s.medians.length; i++) {
            total += s.medians[i];
            if (s.answered[i] != null) {
                time[s.answered[i].ordinal()] += s.medians[i];
                count[s.answered[i].ordinal()]++;
            }
        }
        StringBuilder line = new StringBuilder("| " + name + " |");
        for (int k = 0; k < time.length; k++) {
            line.append(' ').append(count[k]).append("; ").append(fmt(time[k] / 1e6)).append(" ms; ")
                    .append(share(time[k], total, 0)).append(" |");
        }
        out.println(line);
    }

    /** How many crates {@link #costliest} names. */
    static final int COSTLIEST = 8;

    /**
     * The crates whose versions cost (b) the most, their per-root medians summed: where the set's total
     * is concentrated (on the crates.io snapshot, a few crates' runs of near-identical old versions).
     */
    private void costliest(List<ResolveRequest> versions, Sample b) {
        Map<String, long[]> byCrate = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < versions.size(); i++) {
            String crate = versions.get(i).root().dependencies().get(0).name().toString();
            long[] sum = byCrate.computeIfAbsent(crate, k -> new long[2]);
            sum[0]++;
            sum[1] += b.medians[i];
            total += b.medians[i];
        }
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>(byCrate.entrySet());
        ranked.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        StringBuilder line = new StringBuilder("The costliest crates of (b), their versions' medians summed (versions;"
                + " ms; share of the total):");
        for (Map.Entry<String, long[]> crate : ranked.subList(0, Math.min(COSTLIEST, ranked.size()))) {
            long[] sum = crate.getValue();
            line.append(' ').append(crate.getKey()).append(" (").append(sum[0]).append("; ").append(fmt(sum[1] / 1e6))
                    .append(" ms; ").append(share(sum[1], total, 1)).append(')');
        }
        out.println(line.append('.'));
    }

    /** {@code part} as a percentage of {@code total}, with {@code decimals} decimals: "12.5 %". */
    private static String share(long part, long total, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f %%", total == 0 ? 0.0 : 100.0 * part / total);
    }

    private static String fmt(double millis) {
        return String.format(Locale.ROOT, millis < 0.1 ? "%.4f" : "%.3f", millis);
    }
}
