package io.cocoatly.artifact;

import java.io.IOException;

/**
 * A {@link RuleViolation} found below or inside the third-party tar reader, carried out through
 * its {@code IOException}s so that it reaches the extractor with its rule intact.
 */
final class ReadRefusal extends IOException {

    private static final long serialVersionUID = 1L;

    final transient RuleViolation violation;

    ReadRefusal(ArchiveRule rule, String detail) {
        super(detail);
        this.violation = new RuleViolation(rule, detail);
    }

    /** The refusal among {@code e} and its causes, if there is one. */
    static ReadRefusal find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ReadRefusal) {
                return (ReadRefusal) t;
            }
        }
        return null;
    }
}
