package io.cocoatly.registry.db;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.ArtifactFile;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a registry's published archives live: a directory ({@link FileArtifactStore}) or an
 * S3-compatible bucket ({@link S3ArtifactStore}); {@link ArtifactStores#open} picks one from a
 * configuration string. Each archive is one object under its {@linkplain ArtifactKeys#key key}
 * {@code <name>/<name>-<version>.tar.gz}, the protocol's artifact path without {@code artifacts/}.
 *
 * <p>Published artifacts are immutable: an object, once stored, is never replaced by other bytes,
 * and a reader sees either no object under a key or the whole archive, never part of one. A backend
 * stores the archive before its database commit and, if the commit fails, deletes it only when
 * {@link #put} said {@link Stored#CREATED}, so a failed publish never removes an archive that a
 * committed one stored.
 *
 * <p>Implementations are safe for use by many threads. Every method may throw
 * {@link ApiException} with {@link ApiException.Status#SERVICE_UNAVAILABLE} (code
 * {@code artifact-store-unavailable}) when the store cannot be reached now, and a
 * {@link CocoatlyException} of kind {@code FAILED} (code {@code artifact-store-failed}) when it
 * answers but refuses or fails; both messages name the directory, or the bucket and its endpoint.
 * A missing object is never an error: it is {@code false} or empty.
 */
public interface ArtifactStore extends AutoCloseable {

    /** What {@link #put} did. */
    enum Stored {
        /** The object did not exist; this call created it. */
        CREATED,
        /** An object with the same bytes was there already; nothing changed. */
        ALREADY_STORED
    }

    /**
     * Stores a verified archive under the release's key, atomically.
     *
     * @param id      the release the archive belongs to
     * @param archive the archive's file; read, never moved or changed
     * @return whether this call created the object
     * @throws ApiException {@link ApiException.Status#CONFLICT} (code {@code artifact-exists}) if an
     *                      object with other bytes is stored under the key; it is left as it was
     */
    Stored put(PackageId id, Path archive);

    /**
     * The stored archive as the registry server answers a download of it: a local file, bytes
     * streamed from the store, or a redirect to a public URL.
     *
     * @return empty if nothing is stored under the release's key
     */
    Optional<ArtifactFile> artifact(PackageId id);

    /**
     * The stored bytes, for an export; the caller closes the stream.
     *
     * @return empty if nothing is stored under the release's key
     */
    Optional<InputStream> open(PackageId id);

    /** Whether an object is stored under the release's key. */
    boolean exists(PackageId id);

    /**
     * Removes the release's object: for tests, and to roll back a publish whose database
     * transaction failed after {@link #put} returned {@link Stored#CREATED}.
     *
     * @return whether there was an object to remove
     */
    boolean delete(PackageId id);

    /**
     * Every release with an object stored under its key, sorted by name then version. Objects
     * whose key is not a release's key (left by other tools, or temporary files) are not listed.
     */
    List<PackageId> list();

    /**
     * Where the store is, for messages: the directory, or {@code s3://bucket/prefix} and its
     * endpoint. Never holds a secret.
     */
    String location();

    /** Releases the store's connections; the store is not used afterwards. Never throws. */
    @Override
    void close();
}
