package io.cocoatly.registry.http;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.transport.ApiRequest;
import io.cocoatly.transport.ApiRequest.Method;
import io.cocoatly.transport.ApiResponse;
import io.cocoatly.transport.BearerToken;
import io.cocoatly.transport.Transport;
import io.cocoatly.transport.TransportOptions;
import io.cocoatly.transport.TransportException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The client of a registry's write API (docs/registry-protocol.md §2): publish, yank and unyank,
 * owners, search and package information, over one {@link Transport}. Answers are read into
 * immutable records; error answers become {@link CocoatlyException}s that carry the server's detail,
 * the request and the status ({@link ApiErrors}).
 *
 * <p>The token is the transport's: the {@link io.cocoatly.transport.BearerToken} of
 * {@link TransportOptions#withToken}, bound to the registry's origin. This class never sees the
 * secret; it only says which requests want it first. So:
 * <ul>
 *   <li>Reads (owners, search, info) go without the token first, and with it after a {@code 401}, as
 *       cargo does (§1.5): the transport's authenticator sends it once more, the one mechanism for
 *       gets and API requests alike.</li>
 *   <li>Writes (publish, yank, unyank, owner changes) send it from the first request
 *       ({@link ApiRequest#withTokenFirst()}). A write when the transport has no token for the
 *       registry fails before sending, with {@code registry-auth-required}.</li>
 *   <li>The token only ever goes to the registry's own scheme, host and port: the transport strips it
 *       from any other origin. A write to an {@code api} URL elsewhere would therefore arrive without
 *       it, so it fails before sending with {@code token-not-sent}, which says why.</li>
 *   <li>A {@code 401} without a token, a {@code 401} to the token and a {@code 403} have the read
 *       side's codes: {@code registry-auth-required},
 *       {@code registry-token-refused}, {@code registry-forbidden}.</li>
 *   <li>The token is in no message: a server's detail that echoes it arrives with {@code <token>}
 *       instead ({@link Transport#send}). Redirects are not followed, so a token cannot follow one.</li>
 * </ul>
 */
public final class RegistryApi {

    private static final String JSON = "application/json";

    private final Transport transport;
    private final URI registry;
    private final URI api;

    /**
     * A client of the API at {@code api}, for the registry at {@code registry}.
     *
     * @param transport sends the requests, with the registry's token if its options hold one
     * @param registry  the registry's base URL, which the token belongs to
     * @param api       the API's base URL, ending in {@code /} (see {@link #of})
     */
    public RegistryApi(Transport transport, URI registry, URI api) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * The client of {@code registry}'s write API, or empty if its {@code registry.json} names none (a
     * static registry): the {@code api} key, resolved against the registry's location.
     */
    public static Optional<RegistryApi> of(Transport transport, FileRegistry registry) {
        URI base = registry.location();
        return registry.description().apiAt(base).map(api -> new RegistryApi(transport, base, api));
    }

    /** The API's base URL. */
    public URI url() {
        return api;
    }

    /** The base URL of the registry the API belongs to. */
    public URI registry() {
        return registry;
    }

    /**
     * Uploads a packed, signed archive: {@code PUT packages/new} with the framed body of §2.1. Sent at
     * most once unless the server answers 429 or 503 ({@link ApiRequest#notIdempotent()}).
     *
     * @param archive the {@code .tar.gz} the metadata's signature covers
     * @return the release as the server recorded it
     * @throws CocoatlyException the server's refusal (401, 403, 409, 413, 422...),
     *     {@code registry-auth-required} without a token, {@code request-outcome-unknown} (with a hint
     *     naming {@code cocoatly info}) when the connection failed after the upload, {@code publish-failed} if the archive cannot be read
     */
    public Release publish(PublishMetadata metadata, Path archive) {
        byte[] body = PublishBody.frame(metadata.json(), read(archive));
        ApiRequest request = write(ApiRequest.of(Method.PUT, api.resolve("packages/new"))
                .withBody("application/octet-stream", body).notIdempotent());
        try {
            return ApiResponses.release(json(request),
                    metadata.id().name());
        } catch (TransportException e) {
            if (e.reason() != TransportException.Reason.OUTCOME_UNKNOWN) {
                throw e;
            }
            List<String> hints = List.of("run `cocoatly info " + metadata.id().name()
                    + "` to see whether " + metadata.id().version() + " arrived before publishing again");
            throw new CocoatlyException(e.kind(), e.code(), e.getMessage(), hints, e);
        }
    }

    /** Yanks a version: {@code DELETE packages/{name}/{version}/yank}; yanking a yanked version is no error. */
    public void yank(PackageName name, Version version) {
        call(write(ApiRequest.of(Method.DELETE, versionUrl(name, version, "yank"))));
    }

    /** Un-yanks a version: {@code PUT packages/{name}/{version}/unyank}. */
    public void unyank(PackageName name, Version version) {
        call(write(ApiRequest.of(Method.PUT, versionUrl(name, version, "unyank"))));
    }

    /** The logins of a package's owners: {@code GET packages/{name}/owners}. */
    public List<String> owners(PackageName name) {
        ApiRequest request = read(api.resolve("packages/" + name.value() + "/owners"));
        return ApiResponses.owners(json(request));
    }

    /** Adds owners: {@code PUT packages/{name}/owners} with {@code {"users": [...]}}. */
    public void addOwners(PackageName name, List<String> logins) {
        changeOwners(Method.PUT, name, logins);
    }

    /** Removes owners: {@code DELETE packages/{name}/owners}; the last owner cannot be removed (409). */
    public void removeOwners(PackageName name, List<String> logins) {
        changeOwners(Method.DELETE, name, logins);
    }

    /**
     * One page of the packages matching {@code term}: {@code GET packages?q=&page=&per_page=}.
     *
     * @param page    1-based
     * @param perPage packages per page
     */
    public SearchResults search(String term, int page, int perPage) {
        ApiRequest request = read(api.resolve("packages?q=" + URLEncoder.encode(term, StandardCharsets.UTF_8)
                + "&page=" + page + "&per_page=" + perPage));
        return ApiResponses.search(json(request));
    }

    /**
     * What the server knows of a package: {@code GET packages/{name}}.
     *
     * @throws CocoatlyException with code {@value ApiErrors#UNKNOWN_PACKAGE} if the server has no such package
     */
    public PackageInfo info(PackageName name) {
        ApiRequest request = read(api.resolve("packages/" + name.value()));
        return ApiResponses.info(json(request));
    }

    private void changeOwners(Method method, PackageName name, List<String> logins) {
        JsonObject body = JsonObject.create();
        var users = body.putArray("users");
        logins.forEach(users::add);
        call(write(ApiRequest.of(method, api.resolve("packages/" + name.value() + "/owners"))
                .withBody(JSON, body.canonicalBytes())));
    }

    private URI versionUrl(PackageName name, Version version, String action) {
        return api.resolve("packages/" + name.value() + "/" + version + "/" + action);
    }

    private static ApiRequest read(URI url) {
        return ApiRequest.of(Method.GET, url).withHeader("Accept", JSON);
    }

    /**
     * A write carries the token from its first request: the transport must have one for the
     * registry, and the API must be on the registry's origin, where the transport sends it.
     */
    private ApiRequest write(ApiRequest request) {
        BearerToken token = transport.options().tokenFor(registry)
                .orElseThrow(() -> AuthErrors.noTokenForWrite(registry, request.describe()));
        if (!token.belongsTo(api)) {
            throw new CocoatlyException(ErrorKind.FAILED, "token-not-sent", request.describe() + ": the API is not on"
                    + " the registry's origin `" + token.origin() + "`, so the registry's token is not sent to it",
                    List.of("a token only ever goes to the registry it belongs to; check the `api` key of"
                            + " the registry's `registry.json`"));
        }
        return request.withHeader("Accept", JSON).withTokenFirst();
    }

    /**
     * Sends {@code request} and returns its successful answer. A read's token, if the transport has
     * one, goes only after a 401 (the transport's authenticator), a write's from the start.
     */
    private ApiResponse call(ApiRequest request) {
        ApiResponse response = transport.send(request);
        if (!response.successful()) {
            boolean hadToken = transport.options().tokenFor(request.url()).isPresent();
            throw ApiErrors.of(request, response, hadToken, registry);
        }
        return response;
    }

    private static byte[] read(Path archive) {
        try {
            return Files.readAllBytes(archive);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "publish-failed", "cannot read the packed archive `" + archive
                    + "`: " + e.getMessage(), List.of("check free space and permissions"), e);
        }
    }

    /** Sends {@code request} and parses its (successful) JSON answer. */
    private JsonCursor json(ApiRequest request) {
        return ApiResponses.parse(call(request), request.describe());
    }
}
