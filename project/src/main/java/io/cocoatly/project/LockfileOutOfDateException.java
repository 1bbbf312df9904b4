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
                : " problems"), hints(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a lockfile with no problems is not out of date");
        }
        this.problems = List.copyOf(problems);
    }

    private static List<String> hints(List<LockCheck.Problem> problems) {
        String lock = "run `cocoatly lock` to update the lockfile";
        if (problems.stream().noneMatch(p -> p.code().equals(LockCheck.Problem.YANKED))) {
            return List.of(lock);
        }
        // `lock` keeps a yanked version that nothing else can replace, and the check keeps failing on
        // it: running `lock` again would not help, so say what does.
        return List.of(lock, "where `cocoatly lock` keeps a yanked version (no other version fits), widen the"
                + " requirements on it; `cocoatly outdated` lists the newer versions");
    }

    /** Every way the lockfile no longer holds. */
    public List<LockCheck.Problem> problems() {
        return problems;
    }
}
