package io.cocoatly.registry.server;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.util.List;

/**
 * A refusal of the write API or of a backend operation, carrying the HTTP status of
 * docs/registry-protocol.md §2.7 and the {@code detail} the client is shown. The message never holds a
 * token or a header value. The cli's admin commands see it as any other {@link CocoatlyException}.
 */
public final class ApiException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    /** The statuses of §2.7 that a refusal can have, with the error kind the cli maps to an exit code. */
    public enum Status {
        /** Malformed request: body framing, JSON, a field. */
        BAD_REQUEST(400, ErrorKind.INVALID_INPUT),
        /** No token, or one that is unknown, expired or revoked. */
        UNAUTHORIZED(401, ErrorKind.FAILED),
        /** The token lacks the scope or the glob, or the user does not own the package. */
        FORBIDDEN(403, ErrorKind.FAILED),
        /** No such package, version, user or token. */
        NOT_FOUND(404, ErrorKind.INVALID_INPUT),
        /** A method the path does not take. */
        METHOD_NOT_ALLOWED(405, ErrorKind.INVALID_INPUT),
        /** The version exists, the name is too similar to another, the last owner would be removed. */
        CONFLICT(409, ErrorKind.FAILED),
        /** The body is over the size limit. */
        TOO_LARGE(413, ErrorKind.INVALID_INPUT),
        /** The archive or the signature is refused. */
        UNPROCESSABLE(422, ErrorKind.FAILED),
        /** The store behind the server (the database, the object store) cannot be reached now; retry later. */
        SERVICE_UNAVAILABLE(503, ErrorKind.FAILED);

        private final int code;
        private final ErrorKind kind;

        Status(int code, ErrorKind kind) {
            this.code = code;
            this.kind = kind;
        }

        /** The HTTP status code. */
        public int code() {
            return code;
        }
    }

    private final Status status;

    /**
     * A refusal.
     *
     * @param code   the stable error code, e.g. {@code version-exists}
     * @param detail the sentence the client shows; names the package, version or field concerned
     */
    public ApiException(Status status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    /** A refusal with hints for the cli (the API sends only the detail). */
    public ApiException(Status status, String code, String detail, List<String> hints) {
        super(status.kind, code, detail, hints);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    public Status status() {
        return status;
    }

    /** The {@code detail} sent to the client: the message. */
    public String detail() {
        return getMessage();
    }
}
