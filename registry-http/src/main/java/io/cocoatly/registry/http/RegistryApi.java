package io.cocoatly.registry.http;

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
import io.cocoatly.transport.Transport;
import io.cocoatly.transport.TransportException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The client of a registry's write API (docs/registry-protocol.md §2): publish, yank and unyank,
 * owners, search and package information, over one {@link Transport}. Answers are read into
 * immutable records; error answers become {@link CocoatlyException}s that carry the server's detail,
 * the request and the status ({@link ApiErrors}).
 *
 * <p>The token: writes always send it; reads first go without it and send it only after a 401, as
 * cargo does (§1.5). It is only ever sent to the registry's own scheme, host and port: an {@code api}
 * URL elsewhere gets no token, and a write to it fails with {@code token-not-sent}. Redirects are not
 * followed ({@link Transport#send}), so a token cannot follow one either.
 */
public final class RegistryApi {

    private static final String JSON = "application/json";

    private final Transport transport;
    private final URI registry;
    private final URI api;
    private final Optional<ApiToken> token;

    /**
     * A client of the API at {@code api}, for the registry at {@code registry}.
     *
     * @param registry the registry's base URL, which the token belongs to
     * @param api      the API's base URL, ending in {@code /} (see {@link #of})
     * @param token    the token for the registry, if the user has one
     */
    public RegistryApi(Transport transport, URI registry, URI api, Optional<ApiToken> token) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.api = Objects.requireNonNull(api, "api");
        this.token = Objects.requireNonNull(token, "token");
    }

    /**
     * The client of {@code registry}'s write API, or empty if its {@code registry.json} names none (a
     * static registry): the {@code api} key, resolved against the registry's location.
     */
    public static Optional<RegistryApi> of(Transport transport, FileRegistry registry, Optional<ApiToken> token) {
        URI base = registry.location();
        return registry.description().apiAt(base).map(api -> new RegistryApi(transport, base, api, token));
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
     * @throws CocoatlyException the server's refusal (401, 403, 409, 413, 422...), {@code token-missing}
     *     without a token, {@code request-outcome-unknown} (with a hint naming {@code cocoatly info})
     *     when the connection failed after the upload, {@code publish-failed} if the archive cannot be read
     */
    public Release publish(PublishMetadata metadata, Path archive) {
        byte[] body = PublishBody.frame(metadata.json(), read(archive));
        ApiRequest request = write(ApiRequest.of(Method.PUT, api.resolve("packages/new"))
                .withBody("application/octet-stream", body).notIdempotent());
        try {
            return ApiResponses.release(ApiResponses.parse(expect(request, send(request)), request.describe()),
                    metadata.id().name());
        } catch (TransportException e) {
            if (e.reason() != TransportException.Reason.OUTCOME_UNKNOWN) {
                throw e;
            }
            List<String> hints = new ArrayList<>(List.of("run `cocoatly info " + metadata.id().name()
                    + "` to see whether " + metadata.id().version() + " arrived before publishing again"));
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
        return ApiResponses.owners(ApiResponses.parse(readWithToken(request), request.describe()));
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
        return ApiResponses.search(ApiResponses.parse(readWithToken(request), request.describe()));
    }

    /**
     * What the server knows of a package: {@code GET packages/{name}}.
     *
     * @throws CocoatlyException with code {@value ApiErrors#UNKNOWN_PACKAGE} if the server has no such package
     */
    public PackageInfo info(PackageName name) {
        ApiRequest request = read(api.resolve("packages/" + name.value()));
        return ApiResponses.info(ApiResponses.parse(readWithToken(request), request.describe()));
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

    /** A write carries the token, which must exist and may only go to the registry's own origin. */
    private ApiRequest write(ApiRequest request) {
        ApiToken t = token.orElseThrow(() -> new CocoatlyException(ErrorKind.FAILED, "token-missing",
                request.describe() + ": writing to the registry needs a token, and there is none for `" + registry + "`",
                List.of("log in with `cocoatly login`, or set `COCOATLY_REGISTRY_TOKEN`")));
        return authorized(request.withHeader("Accept", JSON), t);
    }

    private ApiRequest authorized(ApiRequest request, ApiToken t) {
        if (!sameOrigin(api, registry)) {
            throw new CocoatlyException(ErrorKind.FAILED, "token-not-sent", request.describe() + ": the API is not on"
                    + " the registry's host `" + origin(registry) + "`, so the registry's token is not sent to it",
                    List.of("a token only ever goes to the registry it belongs to; check the `api` key of"
                            + " the registry's `registry.json`"));
        }
        return request.withHeader("Authorization", t.header());
    }

    /** A read goes without the token first, and with it after a 401 (docs/registry-protocol.md §1.5). */
    private ApiResponse readWithToken(ApiRequest request) {
        ApiResponse response = send(request);
        if (response.status() == 401 && token.isPresent() && sameOrigin(api, registry)) {
            request = authorized(request, token.get());
            response = send(request);
        }
        return expect(request, response);
    }

    private ApiResponse send(ApiRequest request) {
        return transport.send(request);
    }

    /** Sends a request whose successful answer carries nothing to read. */
    private void call(ApiRequest request) {
        expect(request, send(request));
    }

    private ApiResponse expect(ApiRequest request, ApiResponse response) {
        if (!response.successful()) {
            throw ApiErrors.of(request, response, token);
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

    private static boolean sameOrigin(URI a, URI b) {
        return origin(a).equals(origin(b));
    }

    /** {@code scheme://host:port}, with the scheme's default port made explicit. */
    private static String origin(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}
