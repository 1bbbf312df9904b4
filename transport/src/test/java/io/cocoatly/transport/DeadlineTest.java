package io.cocoatly.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Closing a transport ends the gets still in flight: a prefetch nobody will read, or the fetch of a
     * command the daemon stopped, does not go on in the background until its (here ten-minute) timeout.
     */
    @Test
    @Timeout(60)
    void closingTheTransportEndsAGetInFlight() throws Exception {
        TransportOptions options = TransportOptions.defaults().withTimeout(Duration.ofMinutes(10)).withRetries(0)
                .withMinRate(0, Duration.ofSeconds(1));
        try (TrickleServer server = new TrickleServer(1000, Duration.ofSeconds(1))) {
            Transport transport = new Transport(options);
            java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
            Thread get = new Thread(() -> {
                try {
                    transport.get(GetRequest.exactly(server.url("/a.tar.gz"), 1000), ByteArrayOutputStream::new,
                            new RecordingListener(), Cancellation.never());
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            get.start();
            while (server.connections() == 0) {
                Thread.sleep(5);
            }
            Thread.sleep(100); // the request is sent and the body is trickling
            transport.close();
            get.join(30_000);
            assertFalse(get.isAlive(), "the get still runs after the transport was closed");
            assertTrue(thrown.get() instanceof TransportException, String.valueOf(thrown.get()));
            assertEquals(TransportException.Reason.CANCELLED, ((TransportException) thrown.get()).reason());
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
