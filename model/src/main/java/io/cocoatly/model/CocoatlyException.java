package io.cocoatly.model;

import java.util.List;

/**
 * The base of every error Cocoatly reports to people: a stable machine-readable {@link #code()}, a
 * message that names the problem and where it is, and hints on how to fix it.
 *
 * <p>Only the CLI turns these into output and exit codes; library code throws and never prints.
 */
public class CocoatlyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final List<String> hints;

    public CocoatlyException(String code, String message, List<String> hints) {
        this(code, message, hints, null);
    }

    public CocoatlyException(String code, String message, List<String> hints, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.hints = List.copyOf(hints);
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
