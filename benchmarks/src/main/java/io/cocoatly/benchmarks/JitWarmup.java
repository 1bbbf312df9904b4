package io.cocoatly.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Warm-up that waits for the JIT: more passes of the work to be timed until the compiler has settled.
 * After a fixed 40 passes over the top 300 roots the compiler was still replacing the resolver's code for
 * another 14 to 42 passes, each pass about 5 % slower than once it stopped, and the medians timed then
 * 10-20 % higher (docs/performance.md, "Warm means JIT-warm").
 */
final class JitWarmup {

    /**
     * Passes over the top-300 roots before timing them, then {@link #settle}: after 40 the optimising
     * compiler was still at work for about 320 more, and the top-300 total timed after 400 was a third
     * lower than after 40 (three alternating pairs of runs of one build, docs/performance.md,
     * "Warm means JIT-warm, again").
     */
    static final int PASSES = 400;

    /** A pass after which the JIT compiled less than this many ms is a quiet one. */
    static final long QUIET_MILLIS = 5;
    /** How many quiet passes in a row are taken as settled: the compiler works in bursts. */
    static final int QUIET_PASSES = 3;
    /** What {@link #settle} waits for, as the reports say it. */
    static final String UNTIL = "until " + QUIET_PASSES + " passes in a row each kept the JIT compiling under "
            + QUIET_MILLIS + " ms";

    private JitWarmup() {
    }

    /**
     * After {@code fixedPasses} passes of warm-up, runs {@code pass} until {@link #QUIET_PASSES} runs in a
     * row each leave the JIT compiling under {@link #QUIET_MILLIS}, at most {@code fixedPasses} more
     * times; returns how many it ran. None after no warm-up, nor where the JVM does not report its
     * compilation time.
     */
    static int settle(Runnable pass, int fixedPasses) {
        return settle(pass, fixedPasses, JitWarmup::compiledMillis);
    }

    /** As {@link #settle(Runnable, int)}, reading the JIT's total compilation time from {@code compiled}. */
    static int settle(Runnable pass, int fixedPasses, LongSupplier compiled) {
        long before = compiled.getAsLong();
        if (before < 0) {
            return 0;
        }
        int quiet = 0;
        for (int n = 1; n <= fixedPasses; n++) {
            pass.run();
            long after = compiled.getAsLong();
            quiet = after - before < QUIET_MILLIS ? quiet + 1 : 0;
            if (quiet == QUIET_PASSES) {
                return n;
            }
            before = after;
        }
        return fixedPasses;
    }

    /** The JIT's total compilation time so far in ms, or -1 where the JVM does not say. */
    static long compiledMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : -1;
    }
}
