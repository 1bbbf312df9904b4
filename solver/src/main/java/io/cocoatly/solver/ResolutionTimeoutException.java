package io.cocoatly.solver;

import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.CocoatlyException;
import java.time.Duration;
import java.util.List;

/** The time budget ran out before any selection was found (code {@code resolution-timeout}). */
public final class ResolutionTimeoutException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    public ResolutionTimeoutException(String root, Duration timeout) {
        super(ErrorKind.FAILED, "resolution-timeout", "no selection for `" + root + "` was found within the time limit: " + timeout,
                List.of("raise the limit with `--timeout`, or loosen the version requirements"));
    }
}
