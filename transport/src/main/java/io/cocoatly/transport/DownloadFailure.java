package io.cocoatly.transport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Why one attempt at fetching failed, and whether another attempt may help. */
public abstract class DownloadFailure extends Exception {

    private static final long serialVersionUID = 1L;

    DownloadFailure(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }

    public String reason() {
        return getMessage();
    }

    /** Connection errors, timeouts, truncated bodies, 5xx, 408 and 429: worth another attempt. */
    public static final class Retryable extends DownloadFailure {
        private static final long serialVersionUID = 1L;
        private final transient Optional<Duration> retryAfter;

        public Retryable(String reason, Optional<Duration> retryAfter, Throwable cause) {
            super(reason, cause);
            this.retryAfter = retryAfter;
        }

        /** The server's {@code Retry-After}, if it sent a usable one. */
        public Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    /** Anything that would fail the same way again: other 4xx, too many bytes, a missing file. */
    public static final class Fatal extends DownloadFailure {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final transient List<String> hints;

        public Fatal(String code, String reason, List<String> hints, Throwable cause) {
            super(reason, cause);
            this.code = code;
            this.hints = List.copyOf(hints);
        }

        public String code() {
            return code;
        }

        public List<String> hints() {
            return hints;
        }
    }
}
