package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retry delays: the server's {@code Retry-After}, else exponential backoff with jitter. */
class BackoffTest {

    @Test
    void retryAfterTakesSecondsOrAnHttpDate() {
        ZonedDateTime now = ZonedDateTime.parse("2026-11-24T00:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(7)), Backoff.parseRetryAfter("7", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                Backoff.parseRetryAfter("Tue, 24 Nov 2026 00:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), Backoff.parseRetryAfter("Mon, 23 Nov 2026 23:00:00 GMT", now));
        assertEquals(Optional.empty(), Backoff.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), Backoff.parseRetryAfter("-3", now));
    }

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        Backoff backoff = new Backoff(TransportOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(1000))
                .withMaxRetryAfter(Duration.ofSeconds(5)));
        for (int i = 0; i < 200; i++) {
            long first = backoff.delay(1, Optional.empty()).toMillis();
            long third = backoff.delay(3, Optional.empty()).toMillis();
            long tenth = backoff.delay(10, Optional.empty()).toMillis();
            assertTrue(first >= 50 && first <= 100, "attempt 1: " + first);
            assertTrue(third >= 200 && third <= 400, "attempt 3: " + third);
            assertTrue(tenth >= 500 && tenth <= 1000, "attempt 10: " + tenth);
        }
        assertEquals(Duration.ofSeconds(5), backoff.delay(1, Optional.of(Duration.ofHours(1))));
    }
}
