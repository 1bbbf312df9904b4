package io.cocoatly.registry.server;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of {@code GET /api/v1/packages?q=} (docs/registry-protocol.md §2.4).
 *
 * @param hits  the packages on this page: exact name match first, then by name
 * @param total how many packages match in all
 */
public record SearchPage(List<Hit> hits, int total) {

    /** Copies the list. */
    public SearchPage {
        hits = List.copyOf(hits);
    }

    /**
     * One package found.
     *
     * @param name          the package
     * @param newestVersion its newest version as {@link io.cocoatly.model.NewestVersion} picks it
     * @param description   its description, if the server has one
     * @param downloads     its downloads, if counted
     */
    public record Hit(String name, String newestVersion, Optional<String> description, Optional<Long> downloads) {

        /** Checks the fields are present. */
        public Hit {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(newestVersion, "newestVersion");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(downloads, "downloads");
        }
    }
}
