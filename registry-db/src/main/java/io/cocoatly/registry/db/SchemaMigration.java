package io.cocoatly.registry.db;

import java.util.Objects;

/**
 * What {@code cocoatly registry migrate} did.
 *
 * @param before  the schema version before, or {@code none} for an empty database
 * @param after   the schema version after
 * @param applied how many migrations ran (0: it was up to date)
 */
public record SchemaMigration(String before, String after, int applied) {

    /** Checks the fields are present. */
    public SchemaMigration {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
