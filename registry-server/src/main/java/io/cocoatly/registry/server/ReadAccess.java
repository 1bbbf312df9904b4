package io.cocoatly.registry.server;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import java.io.IOException;
import java.nio.file.Files;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Whether reading the registry needs a token: {@code auth_required} in {@code registry.json}
 * (docs/registry-protocol.md §1.5), as the server's {@link FileSource} has it, parsed again only
 * when its ETag changes. A {@code registry.json} that is missing or cannot be read or parsed
 * requires a token: a private registry must not open up because its description was mangled. Also
 * the one place that turns an {@code Authorization} header into a {@link Caller}.
 */
final class ReadAccess {

    private static final String FILE = "registry.json";

    private final FileSource source;
    private volatile Snapshot snapshot;

    private record Snapshot(String etag, boolean required) {
    }

    ReadAccess(FileSource source) {
        this.source = source;
    }

    /**
     * Whether every request needs a valid token now.
     *
     * @throws ApiException 503 when the source's store cannot be reached
     */
    boolean required() {
        FileEntry entry;
        try {
            entry = source.find(FILE);
        } catch (IOException e) {
            return true;
        }
        if (entry == null) {
            return true;
        }
        Snapshot s = snapshot;
        if (s != null && s.etag().equals(entry.etag())) {
            return s.required();
        }
        boolean required;
        try {
            JsonCursor root = StrictJson.parse(bytes(entry), FILE, "invalid-registry");
            required = root.optional("auth_required").map(JsonCursor::bool).orElse(false);
        } catch (IOException | CocoatlyException e) {
            required = true;
        }
        snapshot = new Snapshot(entry.etag(), required);
        return required;
    }

    private static byte[] bytes(FileEntry entry) throws IOException {
        if (entry instanceof FileEntry.InMemory held) {
            byte[] bytes = new byte[held.body().capacity()];
            held.body().slice().get(bytes);
            return bytes;
        }
        if (entry instanceof FileEntry.OnDisk file) {
            return Files.readAllBytes(file.file());
        }
        throw new IOException("registry.json is neither in memory nor on disk: " + entry);
    }

    /**
     * The caller of a request's {@code Authorization: Bearer} token.
     *
     * @throws ApiException 401 without a bearer token, or with one the backend does not accept
     */
    static Caller caller(Request request, RegistryBackend backend) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new ApiException(ApiException.Status.UNAUTHORIZED, "token-missing",
                    "this needs a token: send `Authorization: Bearer <token>`");
        }
        return backend.authenticate(header.substring(7).trim());
    }
}
