package io.cocoatly.registry.http;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.transport.ApiRequest;
import io.cocoatly.transport.ApiResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an API's error answer ({@code {"errors": [{"detail": "..."}]}} with a status of
 * docs/registry-protocol.md §2.7) into a {@link CocoatlyException} whose message names the request
 * and the status and carries the server's detail, e.g.
 * {@code PUT https://r.example/api/v1/packages/new: HTTP 409: version 1.2.0 of http exists already}.
 * The rule from status to kind, code and hints is written here once, except for 401 and 403, whose
 * codes the read side shares ({@link AuthErrors}).
 */
final class ApiErrors {

    /** The error code of a 404 for a package or a version: a name the registry does not have. */
    static final String UNKNOWN_PACKAGE = "unknown-package";

    private ApiErrors() {
    }

    /**
     * The error for {@code response}, which is not successful. A 401 or 403 gets the read side's codes
     * ({@link AuthErrors}). The server's detail needs no scrubbing here: the transport already
     * replaced any echo of the token in the body ({@link io.cocoatly.transport.Transport#send}).
     *
     * @param hadToken whether the transport had a token for the request's origin, and so sent it
     * @param registry the registry's base URL, for the login hint
     */
    static CocoatlyException of(ApiRequest request, ApiResponse response, boolean hadToken, URI registry) {
        int status = response.status();
        Optional<String> detail = detail(response);
        String where = request.describe() + ": HTTP " + status;
        Optional<CocoatlyException> auth = AuthErrors.of(status, hadToken, registry, where, detail,
                AuthErrors.Forbidden.WRITE, null);
        if (auth.isPresent()) {
            return auth.get();
        }
        String message = where + detail.map(d -> ": " + d).orElse("");
        switch (status) {
            case 400:
                // With a detail the server read the request and says what it refused; without, it could not read it.
                return failed("api-bad-request", message, detail.isPresent()
                        ? "the server refused the request as given: its answer above says why"
                        : "the server could not read the request; it may implement another version of the registry API");
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
