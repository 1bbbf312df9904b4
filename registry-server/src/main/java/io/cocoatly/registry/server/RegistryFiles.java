package io.cocoatly.registry.server;

import io.cocoatly.model.PackageId;
import java.util.Optional;

/**
 * The read protocol's files (docs/registry-protocol.md §1) of a backend that keeps them elsewhere
 * than in a registry directory: a database renders them, an object store holds the artifacts. A
 * directory backend needs none of this ({@link RegistryServer#start(java.nio.file.Path, ServerOptions, AccessLog)}
 * serves its files from disk).
 *
 * <p>Implementations are used by many request threads at once, and answer from memory whenever
 * they can: the server asks for an index file on every request and leaves validation and
 * compression to itself. It keeps what it makes of a file (its content hash, its gzip form) until
 * the {@link ServedFile#etag()} changes, and sends the content hash as the {@code ETag}, as it does
 * for a directory: the same bytes get the same tag from either. An artifact's own tag is sent as
 * it is.
 */
public interface RegistryFiles {

    /**
     * {@code registry.json}, {@code names.json} or {@code index/<name>.json} as it is now.
     *
     * @param path the registry-relative path, already checked to be one of the three forms
     * @return empty if there is no such file (an unknown package)
     * @throws ApiException {@link ApiException.Status#SERVICE_UNAVAILABLE} when the store cannot be reached
     */
    Optional<ServedFile> file(String path);

    /**
     * The artifact at {@code artifacts/<name>/<file>}.
     *
     * @param path the registry-relative path, already checked to be under {@code artifacts/}
     * @return empty if there is no such artifact
     * @throws ApiException {@link ApiException.Status#SERVICE_UNAVAILABLE} when the store cannot be reached
     */
    Optional<ArtifactFile> artifact(String path);

    /**
     * Called after each {@code GET} of an artifact that was answered with its bytes or a redirect
     * (not a {@code HEAD}, not a {@code 304}), for download statistics. Returns at once: counting is
     * the implementation's business, and it decides which clients count. Never throws.
     *
     * @param id            the artifact's package and version
     * @param clientAddress the client's IP address as the server saw it
     * @param userAgent     the {@code User-Agent} header, or empty if none was sent
     */
    void downloaded(PackageId id, String clientAddress, String userAgent);
}
