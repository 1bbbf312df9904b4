package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankPicksAnObservedValue() {
        long[] samples = {5, 1, 4, 2, 3};
        assertEquals(3, Percentiles.median(samples));
        assertEquals(5, Percentiles.of(samples, 90));
        assertEquals(1, Percentiles.of(samples, 1));
        assertEquals(5, Percentiles.of(samples, 100));
    }

    @Property
    void atLeastTheRequestedShareIsAtOrBelowThePercentile(@ForAll @Size(min = 1, max = 50) List<Long> values,
                                                          @ForAll @IntRange(min = 1, max = 100) int p) {
        long[] samples = values.stream().mapToLong(Long::longValue).toArray();
        long q = Percentiles.of(samples, p);
        long atOrBelow = Arrays.stream(samples).filter(s -> s <= q).count();
        long below = Arrays.stream(samples).filter(s -> s < q).count();
        assertTrue(atOrBelow * 100 >= (long) p * samples.length, "at or below: " + atOrBelow);
        assertTrue(below * 100 < (long) p * samples.length, "below: " + below);
    }
}
