package io.cocoatly.registry.http;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The errors of a registry that wants a (better) token, decided here once for the read protocol
 * ({@link RemoteErrors}) and the write API ({@link ApiErrors}), so that one meaning has one code
 * whichever half of the registry said it (docs/cli.md's exit-code table):
 *
 * <ul>
 *   <li>{@value #AUTH_REQUIRED}: the registry needs a token and there is none, whether a 401 said so
 *       or a write knew it before sending;</li>
 *   <li>{@value #TOKEN_REFUSED}: a 401 to the token (unknown, expired or revoked);</li>
 *   <li>{@value #FORBIDDEN}: a 403, the token may not do this.</li>
 * </ul>
 * Each message names the request or the registry and never the token.
 */
final class AuthErrors {

    /** The registry needs a token, and the client has none for it. */
    static final String AUTH_REQUIRED = "registry-auth-required";
    /** The registry answered 401 to the token. */
    static final String TOKEN_REFUSED = "registry-token-refused";
    /** The registry answered 403: the token is known but may not do this. */
    static final String FORBIDDEN = "registry-forbidden";

    private AuthErrors() {
    }

    /**
     * The error for a {@code 401} or {@code 403}, or empty for any other status.
     *
     * @param status    the answer's status
     * @param hadToken  whether the client had a token for the request's origin, and so sent it
     *                  (from the first attempt, or after the first 401)
     * @param registry  the registry's base URL, for the login hint
     * @param where     the request and the status, e.g. {@code GET https://r.example/registry.json: HTTP 401}
     * @param detail    what the server said about it, if anything; else the message says what the status means
     * @param forbidden what a 403 refused, in the words of the caller: reading the registry, or a write
     * @param cause     the transport's failure, if there was one
     */
    static Optional<CocoatlyException> of(int status, boolean hadToken, URI registry, String where,
                                          Optional<String> detail, Forbidden forbidden, Throwable cause) {
        if (status == 401 && !hadToken) {
            return Optional.of(error(AUTH_REQUIRED, where + ": " + detail.orElse("the registry needs a token"),
                    "log in with " + login(registry), cause));
        }
        if (status == 401) {
            return Optional.of(error(TOKEN_REFUSED, where + ": " + detail.orElse("the registry refused the token"),
                    "the token is wrong, expired or revoked; log in again with " + login(registry), cause));
        }
        if (status == 403) {
            return Optional.of(error(FORBIDDEN, where + ": " + detail.orElse(forbidden.meaning), forbidden.hint, cause));
        }
        return Optional.empty();
    }

    /** A write that needs a token, and there is none for {@code registry}: refused before sending. */
    static CocoatlyException noTokenForWrite(URI registry, String request) {
        return error(AUTH_REQUIRED, request + ": writing to the registry needs a token, and there is none for `"
                + registry + "`", "log in with " + login(registry), null);
    }

    /** How to get a token for {@code registry}, as every hint here says it. */
    private static String login(URI registry) {
        return "`cocoatly login --registry " + registry + "` (reads the token from standard input), or set"
                + " COCOATLY_REGISTRY_TOKEN";
    }

    private static CocoatlyException error(String code, String message, String hint, Throwable cause) {
        return new CocoatlyException(ErrorKind.FAILED, code, message, List.of(hint), cause);
    }

    /** What a 403 refused: the words of the message (when the server gave none) and of the hint. */
    enum Forbidden {
        /** Reading the registry's files. */
        READ("the token may not read this registry", "ask the registry's owner for a token that may read it"),
        /** A call of the write API. */
        WRITE("the token may not do this", "the token lacks the scope for this (publish-new, publish-update, yank,"
                + " change-owners), the package is outside its name globs, or its user is not an owner");

        private final String meaning;
        private final String hint;

        Forbidden(String meaning, String hint) {
            this.meaning = meaning;
            this.hint = hint;
        }
    }
}
