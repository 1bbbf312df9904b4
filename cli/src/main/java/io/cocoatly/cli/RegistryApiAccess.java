package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.http.RegistryApi;
import io.cocoatly.registry.http.RegistryLocations;
import io.cocoatly.transport.Transport;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wires a registry's write API for {@code publish}, {@code yank}, {@code search} and {@code info}:
 * which locations have one, and the transport it runs on, which holds the registry's token.
 */
final class RegistryApiAccess {

    private RegistryApiAccess() {
    }

    /**
     * The transport of {@code network.*}, carrying the registry's token bound to its origin
     * ({@link CommandSettings#transport()}): the API's client sends the token only through it, and
     * the transport sends it only where it belongs.
     */
    static Transport transport(CommandSettings settings) {
        return new Transport(settings.transport());
    }

    /**
     * The API of the command's {@code http(s)} registry, or empty if its {@code registry.json} names
     * none (a static registry).
     */
    static Optional<RegistryApi> find(CommandSettings settings, Transport transport) {
        return RegistryApi.of(transport, settings.openRegistry());
    }

    /**
     * The API of the registry at {@code location}, for a command that writes through it.
     *
     * @throws CocoatlyException {@code registry-without-api} if the registry is static
     */
    static RegistryApi require(CommandSettings settings, Transport transport, String location, String command) {
        return find(settings, transport).orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT,
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
    static <T> T apiOrIndex(CommandSettings settings, Function<RegistryApi, T> fromApi,
                            Function<FileRegistry, T> fromIndex) {
        // Opened once: its registry.json says whether there is an API, and it is the index otherwise.
        FileRegistry registry = settings.openRegistry();
        if (RegistryLocations.isRemote(settings.registry().orElseThrow())) {
            try (Transport transport = transport(settings)) {
                Optional<RegistryApi> api = RegistryApi.of(transport, registry);
                if (api.isPresent()) {
                    return fromApi.apply(api.get());
                }
            }
        }
        return fromIndex.apply(registry);
    }
}
