package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ArtifactFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a database-backed registry keeps its artifacts: a directory or an S3-compatible bucket,
 * under the key {@code <name>/<name>-<version>.tar.gz} (the protocol's artifact path without
 * {@code artifacts/}). Published artifacts are immutable.
 *
 * <p>(Interface agreed for the parallel work of issue 12; the implementations and their contract
 * tests come with the storage branch.)
 */
public interface ArtifactStore {

    /**
     * Stores a verified archive under {@code id}'s key, atomically: nobody ever sees a partial object.
     * Storing the same bytes again is fine.
     *
     * @return true if this call created the object (so a failed publish may {@link #delete} it), false if it was there
     * @throws io.cocoatly.model.CocoatlyException if an object with other bytes is already there, or the store fails
     */
    boolean put(PackageId id, Path archive);

    /** How the server answers a request for {@code id}'s artifact, or empty if there is none. */
    Optional<ArtifactFile> file(PackageId id);

    /** Whether {@code id}'s artifact is stored. */
    boolean exists(PackageId id);

    /** Deletes {@code id}'s artifact, if there; for rolling back a publish whose transaction failed. */
    void delete(PackageId id);

    /** Every stored artifact's id, for export. */
    List<PackageId> list();
}
