package io.cocoatly.cli;

import io.cocoatly.installer.InstallSettings;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.RegistrySources;
import io.cocoatly.registry.http.ApiLocation;
import io.cocoatly.registry.http.ApiToken;
import io.cocoatly.registry.http.RegistryApi;
import io.cocoatly.transport.Transport;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wires a registry's write API for {@code publish}, {@code yank}, {@code search} and {@code info}:
 * which locations have one, the transport it runs on, and the token it sends.
 */
final class RegistryApiAccess {

    /** The environment variable that holds a registry token. */
    static final String TOKEN_VARIABLE = "COCOATLY_REGISTRY_TOKEN";

    private RegistryApiAccess() {
    }

    /** Whether {@code location} is an {@code http:} or {@code https:} URL, which only an API can write to. */
    static boolean isHttp(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * The token for the registry at {@code registry}: {@code $COCOATLY_REGISTRY_TOKEN} for now. The one
     * place a command gets its token from; at the merge with the {@code credentials.json} work it also
     * reads {@code <home>/credentials.json} for {@code registry} (docs/registry-protocol.md §1.5).
     * The token never reaches any output: {@link ApiToken#toString()} hides it.
     */
    static Optional<ApiToken> token(Context context, URI registry) {
        String value = context.env().get(TOKEN_VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new ApiToken(value.strip()));
    }

    /** A transport with the {@code network.*} settings of {@code settings}. */
    static Transport transport(CommandSettings settings) {
        return new Transport(InstallSettings.transportOptions(settings.config().network()));
    }

    /**
     * The API of the registry at the {@code http(s)} URL {@code location}, or empty if its
     * {@code registry.json} names none (a static registry).
     */
    static Optional<RegistryApi> find(Context context, Transport transport, String location) {
        URI base = RegistrySources.root(location);
        return ApiLocation.of(transport, base).map(api -> new RegistryApi(transport, base, api, token(context, base)));
    }

    /**
     * The API of the registry at {@code location}, for a command that writes through it.
     *
     * @throws CocoatlyException {@code registry-without-api} if the registry is static
     */
    static RegistryApi require(Context context, Transport transport, String location, String command) {
        return find(context, transport, location).orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT,
                "registry-without-api", "`" + command + "` writes to an HTTP registry through its API, and the registry"
                + " at `" + location + "` has none: its `registry.json` has no `api` key",
                List.of("write to the registry's directory with `--registry DIR` and copy it to the server,"
                        + " or serve it with `cocoatly registry serve`")));
    }

    /**
     * Answers a question about packages from the registry's API when it has one (an {@code http(s)}
     * registry whose {@code registry.json} names one), else from its index: a directory, or a static
     * HTTP registry once those can be read.
     *
     * @throws CocoatlyException {@code usage} if no layer of {@code settings} names a registry, or what
     *     opening it throws
     */
    static <T> T apiOrIndex(Context context, CommandSettings settings, Function<RegistryApi, T> fromApi,
                            Function<FileRegistry, T> fromIndex) {
        Optional<String> location = settings.registry();
        if (location.isPresent() && isHttp(location.get())) {
            try (Transport transport = transport(settings)) {
                Optional<RegistryApi> api = find(context, transport, location.get());
                if (api.isPresent()) {
                    return fromApi.apply(api.get());
                }
            }
        }
        return fromIndex.apply(settings.openRegistry());
    }
}
