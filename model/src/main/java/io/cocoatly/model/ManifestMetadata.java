package io.cocoatly.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a manifest says about its package for people rather than for the resolver: shown by
 * {@code info} and {@code search} and sent with {@code publish} (docs/registry-protocol.md §2.1).
 * None of it changes what resolves, so none of it is in the lockfile's requirements digest.
 *
 * @param description one line about the package
 * @param license     an SPDX expression, e.g. {@code MIT OR Apache-2.0}
 * @param repository  where the source lives, a URL
 * @param keywords    search words, in the order written
 * @param categories  registry categories, in the order written
 */
public record ManifestMetadata(Optional<String> description, Optional<String> license, Optional<String> repository,
                               List<String> keywords, List<String> categories) {

    /** A manifest that says nothing about its package. */
    public static final ManifestMetadata NONE =
            new ManifestMetadata(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());

    public ManifestMetadata {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(repository, "repository");
        keywords = List.copyOf(keywords);
        categories = List.copyOf(categories);
    }
}
