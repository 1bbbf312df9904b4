package io.cocoatly.model;

import java.util.List;
import java.util.Objects;

/**
 * The base of every error Cocoatly reports to people: its {@link #kind()}, a stable machine-readable
 * {@link #code()}, a message that names the problem and where it is, and hints on how to fix it.
 *
 * <p>Only the CLI turns these into output and exit codes; library code throws and never prints.
 */
public class CocoatlyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String code;
    private final List<String> hints;

    /**
     * @param kind    what class of failure this is
     * @param code    the stable kebab-case identifier, e.g. {@code invalid-requirement}
     * @param message one or more sentences for people, naming the problem and where it is
     * @param hints   advice, each one sentence, without the {@code hint:} prefix
     */
    public CocoatlyException(ErrorKind kind, String code, String message, List<String> hints) {
        this(kind, code, message, hints, null);
    }

    /** Like {@link #CocoatlyException(ErrorKind, String, String, List)}, with the exception that caused it. */
    public CocoatlyException(ErrorKind kind, String code, String message, List<String> hints, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.hints = List.copyOf(hints);
    }

    /** What class of failure this is; the CLI's exit code depends on this alone. */
    public ErrorKind kind() {
        return kind;
    }

    /** A stable kebab-case identifier of the kind of error, e.g. {@code invalid-requirement}. */
    public String code() {
        return code;
    }

    /** Advice for the user, each one sentence, without the {@code hint:} prefix. */
    public List<String> hints() {
        return hints;
    }
}
