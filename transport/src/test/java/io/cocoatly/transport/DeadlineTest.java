package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A download that trickles one byte just inside each read timeout ends at its deadline: the grace
 * period plus its size at the minimum rate, over every attempt.
 */
class DeadlineTest {

    @Test
    @Timeout(60)
    void aTrickleJustInsideTheReadTimeoutFailsAtTheDeadline() throws Exception {
        // 1000 bytes at one per 100 ms would take 100 s, each read well inside the 2 s timeout; the
        // deadline is 1 s + 1000 bytes at 1000 bytes/s = 2 s, whatever the retries.
        TransportOptions options = TransportOptions.defaults().withTimeout(Duration.ofSeconds(2)).withRetries(2)
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).withMinRate(1000, Duration.ofSeconds(1));
        try (TrickleServer server = new TrickleServer(1000, Duration.ofMillis(100));
             Transport transport = new Transport(options)) {
            RecordingListener events = new RecordingListener();

            TransportException e = assertThrows(TransportException.class, () -> transport.get(
                    GetRequest.exactly(server.url("/a.tar.gz"), 1000), ByteArrayOutputStream::new, events,
                    Cancellation.never()));

            assertEquals(TransportException.Reason.TOO_SLOW, e.reason());
            assertEquals("download-too-slow", e.code());
            assertEquals("GET " + server.url("/a.tar.gz") + ": too slow: not complete after 2 s, the deadline for 1000 bytes"
                    + " at the minimum rate of 1000 bytes/s plus 1 s of grace", e.getMessage());
        }
    }

    @Test
    void theDeadlineIsTheGracePlusTheSizeAtTheMinimumRate() {
        TransportOptions options = TransportOptions.defaults().withMinRate(4096, Duration.ofSeconds(60));

        assertEquals(Optional.of(Duration.ofSeconds(60 + 256)), options.deadline(1024 * 1024));
        assertEquals(Optional.of(Duration.ofMillis(60_500)), options.deadline(2048));
        assertEquals(Optional.empty(), options.withMinRate(0, Duration.ofSeconds(60)).deadline(1024));
    }
}
