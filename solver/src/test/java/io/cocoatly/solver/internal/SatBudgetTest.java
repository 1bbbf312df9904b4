package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SatBudgetTest {

    /** Pigeonhole: n+1 pigeons in n holes. Unsatisfiable, and no solver sees it without conflicts. */
    private static Sat pigeonhole(int holes, Budget budget) {
        int pigeons = holes + 1;
        Sat sat = new Sat(pigeons * holes, budget);
        Reason reason = new Reason.OneRoot();
        for (int p = 0; p < pigeons; p++) {
            int[] somewhere = new int[holes];
            for (int h = 0; h < holes; h++) {
                somewhere[h] = p * holes + h + 1;
            }
            sat.add(Constraint.clause(reason, somewhere), 0);
        }
        for (int h = 0; h < holes; h++) {
            for (int p = 0; p < pigeons; p++) {
                for (int q = p + 1; q < pigeons; q++) {
                    sat.add(Constraint.clause(reason, -(p * holes + h + 1), -(q * holes + h + 1)), 0);
                }
            }
        }
        return sat;
    }

    @Test
    void aSpentBudgetStopsAfterOneChunk() {
        Sat sat = pigeonhole(7, new Budget(System.nanoTime() - 1, 1));
        assertEquals(Sat.Answer.UNKNOWN, sat.solve());
        assertEquals(1, sat.calls());
    }

    @Test
    void withoutADeadlineChunksRepeatUntilDecided() {
        Sat sat = pigeonhole(5, new Budget(Budget.of(Optional.empty()).deadline(), 10));
        assertEquals(Sat.Answer.UNSAT, sat.solve());
        assertEquals(true, sat.calls() > 1);
    }

    @Test
    void anInterruptedThreadHasSpentItsBudgetWhateverTheDeadline() {
        Thread.currentThread().interrupt();
        try {
            // No deadline: without the interrupt this would run its chunks until it proved the pigeonhole.
            Sat sat = pigeonhole(7, new Budget(Budget.of(Optional.empty()).deadline(), 10));
            assertEquals(Sat.Answer.UNKNOWN, sat.solve());
            assertEquals(1, sat.calls());
            assertTrue(Thread.currentThread().isInterrupted(), "the flag stays for the caller to report");
        } finally {
            Thread.interrupted();
        }
    }
}
