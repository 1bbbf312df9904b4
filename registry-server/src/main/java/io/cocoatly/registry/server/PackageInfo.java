package io.cocoatly.registry.server;

import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.Release;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A package as {@code GET /api/v1/packages/{name}} describes it (docs/registry-protocol.md §2.5).
 * Fields a backend does not know (downloads of a directory registry) are empty, never zero.
 *
 * @param name        the package
 * @param metadata    description, license, repository, keywords and categories: each as the latest
 *                    publish that gave it said
 * @param owners      the owners' logins, sorted
 * @param downloads   total downloads, if counted
 * @param versions    every release, newest first
 */
public record PackageInfo(String name, ManifestMetadata metadata, List<String> owners, Optional<Long> downloads,
                          List<VersionInfo> versions) {

    /** Copies the lists. */
    public PackageInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
        owners = List.copyOf(owners);
        Objects.requireNonNull(downloads, "downloads");
        versions = List.copyOf(versions);
    }

    /** The description, if known. */
    public Optional<String> description() {
        return metadata.description();
    }

    /**
     * One version of a package.
     *
     * @param release     the index entry
     * @param publishedAt when it was published through the API, if known
     * @param downloads   its downloads, if counted
     */
    public record VersionInfo(Release release, Optional<Instant> publishedAt, Optional<Long> downloads) {

        /** Checks the fields are present. */
        public VersionInfo {
            Objects.requireNonNull(release, "release");
            Objects.requireNonNull(publishedAt, "publishedAt");
            Objects.requireNonNull(downloads, "downloads");
        }
    }
}
