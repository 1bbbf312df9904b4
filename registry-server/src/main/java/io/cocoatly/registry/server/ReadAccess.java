package io.cocoatly.registry.server;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Whether reading the registry needs a token: {@code auth_required} in {@code registry.json}
 * (docs/registry-protocol.md §1.5), re-read whenever the file changes (one {@code stat} per
 * request otherwise). A {@code registry.json} that cannot be read or parsed requires a token: a
 * private registry must not open up because its description was mangled. Also the one place that
 * turns an {@code Authorization} header into a {@link Caller}.
 */
final class ReadAccess {

    private final Path file;
    private volatile Snapshot snapshot;

    private record Snapshot(Object fileKey, long size, long mtime, boolean required) {
    }

    ReadAccess(Path root) {
        this.file = root.resolve("registry.json");
    }

    /** Whether every request needs a valid token now. */
    boolean required() {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return true;
        }
        Snapshot s = snapshot;
        if (s != null && Objects.equals(s.fileKey(), attrs.fileKey()) && s.size() == attrs.size()
                && s.mtime() == attrs.lastModifiedTime().toMillis()) {
            return s.required();
        }
        boolean required;
        try {
            JsonCursor root = StrictJson.parse(Files.readAllBytes(file), file, "invalid-registry");
            required = root.optional("auth_required").map(JsonCursor::bool).orElse(false);
        } catch (IOException | CocoatlyException e) {
            required = true;
        }
        snapshot = new Snapshot(attrs.fileKey(), attrs.size(), attrs.lastModifiedTime().toMillis(), required);
        return required;
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
