package io.cocoatly.model;

import java.util.List;

/**
 * How long-running work notices that whoever asked for it has gone: the calling thread's interrupt
 * flag, the JDK's own cancellation signal, so that a caller needs no token threaded through every
 * layer. The resident daemon interrupts a command's thread when its client disconnects (Ctrl-C);
 * nothing else in Cocoatly interrupts a thread that runs a command (a process of its own simply ends).
 *
 * <p>Work that may take long looks at the flag where stopping is safe (between solver chunks, between
 * the versions a check decides, while waiting for a file from the network) and then throws
 * {@link #error()}: every layer stops the same way, with the same error, and what it was building is
 * dropped. Read-only work only: nothing that writes the user's files stops half-way on an interrupt.
 */
public final class Interruption {

    /** The error code of work stopped because its thread was interrupted. */
    public static final String CODE = "interrupted";

    private Interruption() {
    }

    /** Whether the current thread has been asked to stop; the flag stays set. */
    public static boolean requested() {
        return Thread.currentThread().isInterrupted();
    }

    /**
     * Throws {@link #error()} if the current thread has been asked to stop, clearing the flag as
     * {@link InterruptedException} does: the error now carries the request.
     */
    public static void check() {
        if (Thread.interrupted()) {
            throw error();
        }
    }

    /** The error work throws when it stops because its thread was interrupted: kind FAILED, code {@value #CODE}. */
    public static CocoatlyException error() {
        return new CocoatlyException(ErrorKind.FAILED, CODE, "stopped: the command was interrupted before it finished",
                List.of());
    }
}
