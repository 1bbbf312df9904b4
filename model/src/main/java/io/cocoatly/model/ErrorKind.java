package io.cocoatly.model;

/**
 * What kind of failure an error is, which is all a caller needs to decide what happens next (the
 * CLI turns it into an exit code, see {@code docs/cli.md}). The error's {@link CocoatlyException#code()}
 * says precisely what went wrong; the kind says which class of outcome that is, so no caller ever
 * has to read meaning out of the spelling of a code.
 */
public enum ErrorKind {

    /** A well-formed question with a negative answer: no selection satisfies the requirements. */
    NEGATIVE,

    /** The input is wrong: bad usage, a malformed or unsupported file, a name that does not exist. */
    INVALID_INPUT,

    /** The lockfile is missing or no longer matches the manifest or the registry. */
    OUT_OF_DATE,

    /**
     * An operation on the system failed or was refused: writing a file, a download, a verification,
     * an installation, a lock held too long.
     */
    FAILED,

    /** A bug in Cocoatly. */
    INTERNAL
}
