package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The key of one row of {@code download_stats}: a package version and a UTC day.
 *
 * @param id  the package version
 * @param day the UTC day
 */
record VersionDay(PackageId id, LocalDate day) {

    /** Checks the fields are present. */
    VersionDay {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(day, "day");
    }
}
