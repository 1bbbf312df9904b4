package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Interruption;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.testkit.CountingIndex;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A resolution or a check on an interrupted thread stops with {@link Interruption#error()} instead of
 * an answer (the daemon interrupts the command of a client that went away), and the resolver serves
 * the next request as before. The solver's own chunked search is tested with the budget
 * ({@code SatBudgetTest}).
 */
class InterruptionTest {

    private static final TestIndex INDEX = TestIndex.of("a 1.0.0 -> b ^1", "a 1.1.0 -> b ^2", "b 1.0.0", "b 2.0.0 -> c ^1");

    private static CocoatlyException interrupted(Supplier<?> work) {
        Thread.currentThread().interrupt();
        try {
            return assertThrows(CocoatlyException.class, work::get);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aResolutionOnAnInterruptedThreadStopsAndTheResolverStillServes() {
        Resolver resolver = new Resolver(INDEX);
        ResolveRequest request = ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *"));
        CocoatlyException e = interrupted(() -> resolver.resolve(request));
        assertEquals(Interruption.CODE, e.code());
        assertEquals(ErrorKind.FAILED, e.kind());
        assertFalse(Thread.currentThread().isInterrupted(), "the error carries the request; the flag is cleared");
        assertEquals("a@1.0.0 b@1.0.0", ResolverTest.describe(resolver.resolve(request)));
    }

    /**
     * A stop requested while the last package is read, after every check in the loader, is still
     * honoured: the resolution throws instead of answering from what it had when asked to stop.
     */
    @Test
    void aStopRequestedDuringTheLastReadStillStopsTheResolution() {
        ResolveRequest request = ResolveRequest.of(TestIndex.manifest("app 1.0.0 -> a *"));
        CountingIndex counting = new CountingIndex(INDEX);
        new Resolver(counting).resolve(request);
        int last = counting.reads();
        CountingIndex stopping = new CountingIndex(INDEX, read -> {
            if (read == last) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> new Resolver(stopping).resolve(request));
            assertEquals(Interruption.CODE, e.code());
            assertEquals(last, stopping.reads(), "the stop came with the last read");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aCheckOnAnInterruptedThreadStops() {
        List<PackageName> names = List.of(PackageName.of("a"), PackageName.of("b"));
        assertEquals(Interruption.CODE, interrupted(() -> new Resolver(INDEX).check(names,
                VersionPolicy.SEMVER_MAJOR, true)).code());
        assertEquals(4, new Resolver(INDEX).check(names, VersionPolicy.SEMVER_MAJOR, true).results().size());
    }
}
