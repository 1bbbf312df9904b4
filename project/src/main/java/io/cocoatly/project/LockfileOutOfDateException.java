package io.cocoatly.project;

import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.CocoatlyException;
import java.util.List;

/**
 * The lockfile no longer holds for the manifest and the registry: {@link LockCheck#require} found
 * problems. The message counts them; {@link #problems()} lists them, in the order
 * {@link LockCheck#run} found them, for the cli to print under the message.
 */
public final class LockfileOutOfDateException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    /** The error code, which the cli maps to exit code 3. */
    public static final String CODE = "lockfile-out-of-date";

    private final transient List<LockCheck.Problem> problems;

    /**
     * @param lockfileName how the lockfile is named for the user, e.g. {@code cocoatly-lock.json}
     * @param problems     at least one
     */
    public LockfileOutOfDateException(String lockfileName, List<LockCheck.Problem> problems) {
        super(ErrorKind.OUT_OF_DATE, CODE, "`" + lockfileName + "` is out of date: " + problems.size() + (problems.size() == 1 ? " problem"
                : " problems"), List.of("run `cocoatly lock` to update the lockfile"));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a lockfile with no problems is not out of date");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every way the lockfile no longer holds. */
    public List<LockCheck.Problem> problems() {
        return problems;
    }
}
