package io.cocoatly.registry.http;

import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One package a search found.
 *
 * @param newestVersion its newest version that is not yanked, if it has one
 * @param description   its description, if known
 * @param downloads     its downloads, if known
 */
public record SearchHit(PackageName name, Optional<Version> newestVersion, Optional<String> description,
                        OptionalLong downloads) {

    /** Checks the values. */
    public SearchHit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(newestVersion, "newestVersion");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(downloads, "downloads");
    }
}
