package io.cocoatly.registry.http;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.transport.ApiRequest;
import io.cocoatly.transport.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an API's error answer ({@code {"errors": [{"detail": "..."}]}} with a status of
 * docs/registry-protocol.md §2.7) into a {@link CocoatlyException} whose message names the request
 * and the status and carries the server's detail, e.g.
 * {@code PUT https://r.example/api/v1/packages/new: HTTP 409: version 1.2.0 of http exists already}.
 * The rule from status to kind, code and hints is written here once.
 */
final class ApiErrors {

    /** The error code of a 404 for a package or a version: a name the registry does not have. */
    static final String UNKNOWN_PACKAGE = "unknown-package";

    private ApiErrors() {
    }

    /**
     * The error for {@code response}, which is not successful.
     *
     * @param token the token this client holds, scrubbed from the server's detail and named in the 401 hint
     */
    static CocoatlyException of(ApiRequest request, ApiResponse response, Optional<ApiToken> token) {
        int status = response.status();
        String detail = detail(response).map(d -> token.map(t -> t.scrub(d)).orElse(d)).map(d -> ": " + d).orElse("");
        String message = request.describe() + ": HTTP " + status + detail;
        switch (status) {
            case 400:
                return failed("api-bad-request", message, "the server could not read the request; it may implement"
                        + " another version of the registry API");
            case 401:
                return failed("unauthorized", message, token.isPresent()
                        ? "the registry refused the token: it is unknown, expired or revoked; get a new one from the"
                                + " registry's administrator and log in again with `cocoatly login`"
                        : "this needs a token: log in with `cocoatly login`, or set `COCOATLY_REGISTRY_TOKEN`");
            case 403:
                return failed("forbidden", message, "the token lacks the scope for this (publish-new, publish-update,"
                        + " yank, change-owners), the package is outside its name globs, or its user is not an owner");
            case 404:
                return new CocoatlyException(ErrorKind.INVALID_INPUT, UNKNOWN_PACKAGE, message,
                        List.of("check the name and the version, and that `--registry` names the right registry"));
            case 409:
                return failed("registry-conflict", message, "a published version never changes: publish a new version;"
                        + " a new name must differ from existing ones by more than case and `-`/`_`");
            case 413:
                return failed("payload-too-large", message, "the archive is over the server's size limit; leave large"
                        + " files out of the package");
            case 422:
                return failed("publish-refused", message, "the server's detail names the rule; docs/security.md lists"
                        + " the archive rules");
            default:
                return status == 429 || status >= 500
                        ? failed("registry-server-error", message, "the registry has a problem; try again later")
                        : failed("http-error", message, "the registry answered in a way this client does not expect;"
                                + " check that `--registry` names a Cocoatly registry");
        }
    }

    private static CocoatlyException failed(String code, String message, String hint) {
        return new CocoatlyException(ErrorKind.FAILED, code, message, List.of(hint));
    }

    /** The details of {@code {"errors": [{"detail": ...}]}}, joined with {@code ; }, if the body is that. */
    private static Optional<String> detail(ApiResponse response) {
        try {
            JsonCursor root = StrictJson.parse(response.body(), "error answer", ApiResponses.CODE);
            List<String> details = new ArrayList<>();
            for (JsonCursor e : root.required("errors").elements()) {
                e.optional("detail").filter(d -> !d.isNull()).map(JsonCursor::string).ifPresent(details::add);
            }
            return details.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", details));
        } catch (CocoatlyException e) {
            // Not the API's error shape (a proxy's HTML page, an empty body): the status says enough.
            return Optional.empty();
        }
    }
}
