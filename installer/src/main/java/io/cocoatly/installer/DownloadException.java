package io.cocoatly.installer;

import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import java.util.List;

/**
 * An artifact that could not be fetched. {@link #code()} is {@code download-failed} (network errors,
 * timeouts, truncated bodies, 5xx or 429 until the retries ran out), {@code http-error} (any other
 * non-2xx status, never retried), {@code artifact-too-large} (more bytes than the declared size, never
 * retried), {@code cache-error} (the cache directory could not be written) or {@code download-cancelled}
 * (another download of the batch failed first; only reported to the listener).
 */
public final class DownloadException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    private final transient PackageId packageId;
    private final int attempts;

    DownloadException(String code, PackageId packageId, String problem, int attempts, List<String> hints,
                      Throwable cause) {
        super(ErrorKind.FAILED, code, "`" + packageId + "` could not be downloaded: " + problem, hints, cause);
        this.packageId = packageId;
        this.attempts = attempts;
    }

    /** The package whose artifact failed. */
    public PackageId packageId() {
        return packageId;
    }

    /** Attempts made before giving up. */
    public int attempts() {
        return attempts;
    }
}
