package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterruptionTest {

    @Test
    void aThreadNotAskedToStopGoesOn() {
        assertFalse(Interruption.requested());
        Interruption.check();
    }

    @Test
    void anInterruptedThreadStopsWithTheOneErrorAndTheFlagMovesIntoIt() {
        Thread.currentThread().interrupt();
        try {
            assertTrue(Interruption.requested());
            assertTrue(Interruption.requested(), "asking leaves the flag set");
            CocoatlyException e = assertThrows(CocoatlyException.class, Interruption::check);
            assertEquals(ErrorKind.FAILED, e.kind());
            assertEquals("interrupted", e.code());
            assertEquals("stopped: the command was interrupted before it finished", e.getMessage());
            assertEquals(List.of(), e.hints());
            assertFalse(Thread.currentThread().isInterrupted(), "the error carries the request now");
        } finally {
            Thread.interrupted();
        }
    }
}
