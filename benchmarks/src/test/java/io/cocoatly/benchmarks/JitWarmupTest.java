package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** When the warm-up takes the JIT as settled, on a made-up record of its compilation time. */
class JitWarmupTest {

    /** Passes run against a compilation clock that reads {@code totals}, one value before the first pass and one after each. */
    private static int settle(int fixedPasses, long... totals) {
        PrimitiveIterator.OfLong clock = LongStream.of(totals).iterator();
        return JitWarmup.settle(() -> { }, fixedPasses, clock::nextLong);
    }

    @Test
    void stopsAtTheThirdQuietPassInARow() {
        // Compiling 40, 2, 1, 30 (a burst resets the count), then 0, 4, 3 ms.
        assertEquals(7, settle(40, 100, 140, 142, 143, 173, 173, 177, 180));
    }

    @Test
    void stopsAtTheLimitWhenTheJitNeverSettles() {
        assertEquals(4, settle(4, 0, 10, 20, 30, 40));
    }

    @Test
    void runsNothingAfterNoWarmUpOrWithoutACompilationClock() {
        assertEquals(0, settle(0, 0));
        assertEquals(0, settle(40, -1));
    }
}
