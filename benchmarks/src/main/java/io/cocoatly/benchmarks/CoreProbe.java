package io.cocoatly.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which cores the timing thread ran on, and how fast the machine's memory was, so that a report says
 * what it measured on. On the 2-core virtual machines these benchmarks run on, the same code ran slower
 * on one core than on the other, each pinned with {@code taskset} (a Python loop 1.4–1.9×, the top-300
 * resolutions 1.5×), which core changed within the hour, and a walk through 8 MB of memory
 * took 17–115 ms on one core within minutes: the host's other tenants load its caches and memory.
 * Two runs of one build differed by half, and nothing in the report said why.
 */
final class CoreProbe {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Path STAT = Path.of("/proc/thread-self/stat");

    /** Per core number, how many times {@link #note} found the thread there. */
    private final Map<Integer, Integer> seen = new TreeMap<>();

    /** Notes the core the calling thread is on now, when the system says (Linux). */
    void note() {
        int cpu = currentCpu();
        if (cpu >= 0) {
            seen.merge(cpu, 1, Integer::sum);
        }
    }

    /** "core 1 300×", or "unknown" where the system does not say. */
    String describe() {
        if (seen.isEmpty()) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder();
        seen.forEach((cpu, n) -> b.append(b.length() == 0 ? "" : ", ").append("core ").append(cpu).append(' ')
                .append(n).append('×'));
        return b.toString();
    }

    /**
     * The core the calling thread last ran on (field 39 of {@code /proc/thread-self/stat}), or -1 where
     * that file cannot be read.
     */
    static int currentCpu() {
        try {
            String stat = Files.readString(STAT);
            // The command name, field 2, is in parentheses and may hold spaces: count after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(fields[39 - 3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The calling thread's CPU time for a fixed walk through memory, median of 11, in ns: the same
     * work in every run and build, so that two reports can tell a slower machine from slower code. A
     * walk, like resolving (which follows references through the whole index), and unlike a loop of
     * arithmetic, which ran at one speed on both cores while the walk and the resolutions did not.
     */
    static long probeNanos() {
        int[] next = cycle(1 << 21);
        long[] times = new long[11];
        int at = 0;
        for (int i = 0; i < times.length; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int step = 0; step < 1_000_000; step++) {
                at = next[at];
            }
            times[i] = THREADS.getCurrentThreadCpuTime() - start;
        }
        if (at == -1) {
            // Never true (every entry is an index); keeps the walk's result alive.
            System.out.print("");
        }
        return Percentiles.median(times);
    }

    /** One random cycle through {@code size} slots, 8 MB for 2^21 (Sattolo's shuffle, a fixed seed). */
    private static int[] cycle(int size) {
        int[] next = new int[size];
        for (int i = 0; i < size; i++) {
            next[i] = i;
        }
        java.util.Random random = new java.util.Random(1);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int swap = next[i];
            next[i] = next[j];
            next[j] = swap;
        }
        return next;
    }
}
