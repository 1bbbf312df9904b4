package io.cocoatly.plugin;

import java.util.Objects;

/**
 * A pre-hook's answer: go on, or stop the operation with a message for the user.
 */
public sealed interface Verdict {

    /** Go on. */
    static Verdict proceed() {
        return Proceed.INSTANCE;
    }

    /**
     * Stop the operation before anything changes. Cocoatly exits 4 and prints
     * {@code plugin `NAME` refused the install: MESSAGE}.
     *
     * @param message why, in one sentence, naming the package when one is the reason
     */
    static Verdict veto(String message) {
        return new Veto(message);
    }

    /** Go on. */
    enum Proceed implements Verdict {
        /** The one instance. */
        INSTANCE
    }

    /**
     * Stop, with a reason.
     *
     * @param message why the operation must not happen
     */
    record Veto(String message) implements Verdict {
        public Veto {
            Objects.requireNonNull(message, "message");
            if (message.isBlank()) {
                throw new IllegalArgumentException("a veto says why");
            }
        }
    }
}
