package io.cocoatly.benchmarks;

import java.util.Arrays;

/** Nearest-rank percentiles over nanosecond samples: every reported figure is a value actually observed. */
final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}-th percentile ({@code 0 < p <= 100}) of {@code samples} by nearest rank. */
    static long of(long[] samples, double p) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        // Multiply first: p / 100 * n rounds up past an integer (0.07 * 100 = 7.000000000000001).
        int rank = (int) Math.ceil(p * sorted.length / 100.0);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static long median(long[] samples) {
        return of(samples, 50);
    }

    /** Nanoseconds as milliseconds with three decimals, the unit of every table. */
    static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
