package io.cocoatly.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two builds compared in one JVM, their resolutions interleaved run by run: each build's benchmark
 * jar in a class loader of its own, and for each root the two take turns, so that whatever the
 * machine does meanwhile falls on both. Between JVMs this machine moved the top-300 total by up to
 * half for the same build (docs/performance.md), far more than most changes; interleaved, two
 * loaders of one build agree within 1.5 %.
 *
 * <p>{@code java -cp benchmarks.jar io.cocoatly.benchmarks.Interleaved A.jar B.jar [--rounds=6]
 * [--runs=11] [--warmup=600] [--versions | --unsat | --unsat-explained]}: each round times every
 * top-300 root (every version of them with {@code --versions}; with {@code --unsat} those versions
 * that are unsatisfiable, without the explanation, and with {@code --unsat-explained} with it)
 * {@code runs} times per build, and prints both totals of the per-root medians (thread CPU) and their
 * ratio B/A; then the median ratio and the roots that moved most. The builds need the crates.io
 * snapshot beside them ({@link DataFiles}); both are timed by this jar's {@link InterleavedRunner}.
 */
public final class Interleaved {

    private Interleaved() {
    }

    /** Runs the comparison; see the class comment for the arguments. */
    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: Interleaved A.jar B.jar [--rounds=N] [--runs=N] [--warmup=N]"
                    + " [--versions | --unsat | --unsat-explained]");
            System.exit(2);
        }
        int rounds = 6;
        int runs = 11;
        int warmup = 600;
        InterleavedRunner.Set set = InterleavedRunner.Set.TOP;
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--rounds=")) {
                rounds = Math.max(1, Integer.parseInt(a.substring(9)));
            } else if (a.startsWith("--runs=")) {
                runs = Math.max(1, Integer.parseInt(a.substring(7)));
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring(9));
            } else if (a.equals("--versions")) {
                set = InterleavedRunner.Set.VERSIONS;
            } else if (a.equals("--unsat")) {
                set = InterleavedRunner.Set.UNSAT;
            } else if (a.equals("--unsat-explained")) {
                set = InterleavedRunner.Set.UNSAT_EXPLAINED;
            } else {
                throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        URL own = Interleaved.class.getProtectionDomain().getCodeSource().getLocation();
        MethodHandle[] once = new MethodHandle[2];
        Class<?>[] runners = new Class<?>[2];
        for (int b = 0; b < 2; b++) {
            // The build's own classes first; this jar only for a runner the build does not have.
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[b]).toUri().toURL(), own},
                    ClassLoader.getPlatformClassLoader());
            // A build made before the runner was a class of its own borrows this jar's, which then times
            // both builds with the same code.
            runners[b] = loader.loadClass(InterleavedRunner.class.getName());
            runners[b].getMethod("setup", int.class, String.class).invoke(null, warmup, set.name());
            once[b] = MethodHandles.publicLookup().findStatic(runners[b], "once",
                    MethodType.methodType(long.class, int.class));
        }
        int size = (int) runners[0].getMethod("size").invoke(null);
        System.out.println("A " + args[0] + "\nB " + args[1] + "\n" + size + " " + set.description
                + ", " + rounds + " rounds of " + runs + " runs per root and build, interleaved; thread CPU, ms");
        double[] ratios = new double[rounds];
        long[][] perRoot = new long[2][size];
        for (int r = 0; r < rounds; r++) {
            long[] total = new long[2];
            for (int i = 0; i < size; i++) {
                long[][] times = new long[2][runs];
                for (int k = 0; k < runs; k++) {
                    // Which build goes first alternates with the run, the root and the round.
                    int first = (k + r + i) % 2;
                    times[first][k] = (long) once[first].invokeExact(i);
                    times[1 - first][k] = (long) once[1 - first].invokeExact(i);
                }
                for (int b = 0; b < 2; b++) {
                    long median = Percentiles.median(times[b]);
                    total[b] += median;
                    perRoot[b][i] += median;
                }
            }
            ratios[r] = (double) total[1] / total[0];
            System.out.printf(Locale.ROOT, "round %d: A %.3f  B %.3f  B/A %.3f%n", r + 1, total[0] / 1e6,
                    total[1] / 1e6, ratios[r]);
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "median B/A %.3f (from %.3f to %.3f)%n", sorted[rounds / 2], sorted[0],
                sorted[rounds - 1]);
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(Math.abs(perRoot[1][y] - perRoot[0][y]),
                Math.abs(perRoot[1][x] - perRoot[0][x])));
        System.out.println("moved most (mean of the rounds' medians):");
        for (int j = 0; j < Math.min(10, size); j++) {
            int i = order[j];
            System.out.printf(Locale.ROOT, "  %-36s A %.3f  B %.3f%n", runners[0].getMethod("name", int.class)
                    .invoke(null, i), perRoot[0][i] / 1e6 / rounds, perRoot[1][i] / 1e6 / rounds);
        }
    }
}
