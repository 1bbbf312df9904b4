package io.cocoatly.registry.db;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.server.ApiException;
import java.util.List;

/**
 * The typed errors every {@link ArtifactStore} throws, worded once: each names the store's
 * {@linkplain ArtifactStore#location() location} and, where there is one, the key.
 */
final class ArtifactStoreErrors {

    private ArtifactStoreErrors() {
    }

    /**
     * The store cannot be reached now (connection refused or timed out, the service answered 5xx): a
     * {@code 503} the client retries later.
     */
    static ApiException unavailable(String location, String operation, Throwable cause) {
        ApiException e = new ApiException(ApiException.Status.SERVICE_UNAVAILABLE, "artifact-store-unavailable",
                "the artifact store " + location + " cannot be reached to " + operation + ": " + reason(cause),
                List.of("check that the object store is up and reachable from this server, then retry"));
        // ApiException takes no cause; keep it for the server's log.
        e.addSuppressed(cause);
        return e;
    }

    /** The store answered but refused or failed (permissions, a missing bucket, a full disk). */
    static CocoatlyException failed(String location, String operation, Throwable cause, String hint) {
        return new CocoatlyException(ErrorKind.FAILED, "artifact-store-failed",
                "the artifact store " + location + " failed to " + operation + ": " + reason(cause), List.of(hint), cause);
    }

    /** Another archive is stored under the key: published artifacts never change. */
    static ApiException otherBytes(String location, String key, String storedSha256, String newSha256) {
        return new ApiException(ApiException.Status.CONFLICT, "artifact-exists",
                "`" + key + "` is stored already in the artifact store " + location + " with other bytes (sha256 "
                        + storedSha256 + ", this archive's is " + newSha256 + "); a published artifact never changes",
                List.of("if no release names the stored archive (a publish that crashed), delete it first"));
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
