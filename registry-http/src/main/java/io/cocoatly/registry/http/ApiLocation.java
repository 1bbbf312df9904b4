package io.cocoatly.registry.http;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.transport.GetRequest;
import io.cocoatly.transport.Transport;
import io.cocoatly.transport.TransportListener;
import java.net.URI;
import java.util.Optional;

/**
 * Where a registry's write API is: the {@code api} key of its {@code registry.json}, absolute or
 * relative to the registry's base URL (docs/registry-protocol.md §1).
 *
 * <p>TEMPORARY, to be replaced at the merge: the registry module's own reader of {@code registry.json}
 * learns the {@code api} key in another branch; this class then goes, and callers take the URL from
 * the registry's description instead. Until then it reads that one key and nothing else.
 */
public final class ApiLocation {

    private static final long MAX_REGISTRY_JSON = 1 << 20;

    private ApiLocation() {
    }

    /**
     * The API's base URL, ending in {@code /}, or empty if the registry has none (a static registry).
     *
     * @param registryBase the registry's base URL, ending in {@code /}
     * @throws io.cocoatly.transport.TransportException if {@code registry.json} cannot be fetched
     * @throws io.cocoatly.model.InvalidFileException if it is not JSON or {@code api} is not a string
     */
    public static Optional<URI> of(Transport transport, URI registryBase) {
        URI file = registryBase.resolve("registry.json");
        byte[] bytes = transport.getBytes(GetRequest.atMost(file, MAX_REGISTRY_JSON), TransportListener.NONE).bytes();
        JsonCursor root = StrictJson.parse(bytes, file.toString(), "invalid-registry");
        return root.optional("api").filter(a -> !a.isNull()).map(a -> resolve(registryBase, a));
    }

    private static URI resolve(URI base, JsonCursor api) {
        try {
            return withSlash(base.resolve(api.string()));
        } catch (IllegalArgumentException e) {
            throw api.error("not a URL: `" + api.string() + "`: " + e.getMessage());
        }
    }

    private static URI withSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? uri : URI.create(text + "/");
    }
}
