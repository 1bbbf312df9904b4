package io.cocoatly.cli;

import io.cocoatly.model.ErrorKind;

/** The exit codes every command uses; documented in {@code docs/cli.md}. */
final class ExitCodes {

    /** The command did what was asked. */
    static final int OK = 0;
    /** A well-formed question with a negative answer: unsatisfiable, nothing matched, uninstallable found. */
    static final int NEGATIVE = 1;
    /** Invalid input: bad usage, syntax, or malformed files. */
    static final int INVALID_INPUT = 2;
    /** The lockfile is missing or out of date ({@code lock --check}). */
    static final int OUT_OF_DATE = 3;
    /** An operation on the system failed: download, verification, installation, lock timeout. */
    static final int FAILED = 4;
    /** A bug in Cocoatly. */
    static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /** The exit code for an error of the given kind: the table of {@code docs/cli.md}. */
    static int forKind(ErrorKind kind) {
        switch (kind) {
            case NEGATIVE:
                return NEGATIVE;
            case INVALID_INPUT:
                return INVALID_INPUT;
            case OUT_OF_DATE:
                return OUT_OF_DATE;
            case FAILED:
                return FAILED;
            case INTERNAL:
                return INTERNAL;
            default:
                throw new AssertionError(kind);
        }
    }
}
