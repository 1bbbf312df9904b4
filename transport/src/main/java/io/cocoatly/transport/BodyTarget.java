package io.cocoatly.transport;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a body goes. Each attempt opens a fresh stream and closes it when it ends, so a retried
 * transfer starts over instead of appending to the broken one: a target over a file truncates it,
 * a target that hashes starts new digests.
 */
@FunctionalInterface
public interface BodyTarget {

    /**
     * A new, empty stream for the next attempt; the transport closes it.
     *
     * @throws IOException if it cannot be opened; the get fails with it, unretried
     */
    OutputStream open() throws IOException;
}
