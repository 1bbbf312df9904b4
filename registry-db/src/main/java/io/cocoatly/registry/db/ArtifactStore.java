package io.cocoatly.registry.db;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.ArtifactFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a database-backed registry keeps its artifacts: a directory ({@link FileArtifactStore}) or
 * an S3-compatible bucket ({@link S3ArtifactStore}); {@link ArtifactStores#parse} picks one from a
 * configuration string. Each archive is one object under its {@linkplain ArtifactKeys#key key}
 * {@code <name>/<name>-<version>.tar.gz}, the protocol's artifact path without {@code artifacts/}
 * (build metadata kept: {@code tls/tls-1.0.0+build.5.tar.gz}).
 *
 * <p>Published artifacts are immutable: an object, once stored, is never replaced by other bytes,
 * and a reader sees either no object under a key or the whole archive, never part of one. A backend
 * stores the archive before its database commit and, if the commit fails, deletes it only when
 * {@link #put} said it created it, so a failed publish never removes an archive a committed one
 * stored.
 *
 * <p>Implementations are safe for use by many threads. Every method may throw
 * {@link ApiException} with {@link ApiException.Status#SERVICE_UNAVAILABLE} (code
 * {@code artifact-store-unavailable}) when the store cannot be reached now, and a
 * {@link CocoatlyException} of kind {@code FAILED} (code {@code artifact-store-failed}) when it
 * answers but refuses or fails; both messages name the directory, or the bucket and its endpoint,
 * never a secret. A missing object is never an error: it is {@code false} or empty.
 *
 * <p>(The interface agreed for the parallel work of issue 12; {@link #open} and {@link #close} were
 * added as default methods so that implementations written against it still compile.)
 */
public interface ArtifactStore extends AutoCloseable {

    /**
     * Stores a verified archive under {@code id}'s key, atomically: nobody ever sees a partial
     * object. Storing the same bytes again is fine and changes nothing.
     *
     * @param id      the release the archive belongs to
     * @param archive the archive's file; read, never moved or changed
     * @return true if this call created the object (so a failed publish may {@link #delete} it),
     *         false if an object with the same bytes was there
     * @throws ApiException {@link ApiException.Status#CONFLICT} (code {@code artifact-exists}) if an
     *                      object with other bytes is already there; it is left as it was
     */
    boolean put(PackageId id, Path archive);

    /**
     * How the server answers a download of {@code id}'s artifact: a local file, bytes streamed
     * from the store, or a redirect to a public URL.
     *
     * @return empty if nothing is stored under {@code id}'s key
     */
    Optional<ArtifactFile> file(PackageId id);

    /** Whether {@code id}'s artifact is stored. */
    boolean exists(PackageId id);

    /**
     * Deletes {@code id}'s artifact, if there (nothing happens otherwise): for tests, and for
     * rolling back a publish whose transaction failed after {@link #put} returned true.
     */
    void delete(PackageId id);

    /**
     * Every stored artifact's id, for export, sorted by name then version. Objects whose key is not
     * exactly a release's key (temporary files, objects other tools left) are not listed.
     */
    List<PackageId> list();

    /**
     * The stored bytes, for an export; the caller closes the stream. This default reads them
     * through {@link #file}; a store whose {@link #file} redirects must override it.
     *
     * @return empty if nothing is stored under {@code id}'s key
     */
    default Optional<InputStream> open(PackageId id) {
        Optional<ArtifactFile> file = file(id);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (file.get() instanceof ArtifactFile.Local local) {
                return Optional.of(Files.newInputStream(local.file()));
            }
            if (file.get() instanceof ArtifactFile.Streamed streamed) {
                return Optional.of(streamed.body().open());
            }
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "artifact-store-failed",
                    "the artifact store failed to read `" + ArtifactKeys.key(id) + "`: " + e.getMessage(), List.of(), e);
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " redirects downloads; it must override open");
    }

    /** Releases the store's connections; the store is not used afterwards. Never throws. */
    @Override
    default void close() {
    }
}
