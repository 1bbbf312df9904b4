package io.cocoatly.cli;

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

    /** The exit code for an error of the given kind ({@link io.cocoatly.model.CocoatlyException#code()}). */
    static int forErrorCode(String code) {
        if (code.equals("unsatisfiable")) {
            return NEGATIVE;
        }
        if (code.startsWith("invalid-") || code.equals("usage") || code.startsWith("unknown-")
                || code.equals("not-found") || code.endsWith("-not-found")
                || code.equals(io.cocoatly.registry.RegistrySources.UNSUPPORTED)) {
            return INVALID_INPUT;
        }
        if (code.equals("lockfile-out-of-date") || code.equals("lockfile-missing")) {
            return OUT_OF_DATE;
        }
        return FAILED;
    }
}
