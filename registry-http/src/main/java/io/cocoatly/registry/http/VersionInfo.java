package io.cocoatly.registry.http;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One version of a package as {@code cocoatly info} shows it. What a registry does not know (dates
 * and downloads of a registry without an API) is empty, never zero.
 *
 * @param publishedAt  when it was published, if known
 * @param downloads    how often it was downloaded, if known
 * @param dependencies sorted by name
 */
public record VersionInfo(Version version, boolean yanked, Optional<Instant> publishedAt, OptionalLong downloads,
                          List<Dependency> dependencies) {

    /** Checks and copies the values. */
    public VersionInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(downloads, "downloads");
        dependencies = dependencies.stream().sorted().toList();
    }

    /** What a registry index says of a release: no date, no downloads. */
    public static VersionInfo of(Release release) {
        return new VersionInfo(release.version(), release.yanked(), Optional.empty(), OptionalLong.empty(),
                release.dependencies());
    }
}
