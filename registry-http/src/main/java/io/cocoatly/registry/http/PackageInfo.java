package io.cocoatly.registry.http;

import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.NewestVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code cocoatly info NAME} shows: from a registry's API (docs/registry-protocol.md §2.5) or
 * from its index alone ({@link #of(PackageListing)}). What the source does not know is empty.
 *
 * @param metadata    the package's description, license, repository, keywords and categories, as far
 *                    as known
 * @param owners      the logins of its owners, if known
 * @param downloads   all-time downloads, if known
 * @param versions    newest first
 */
public record PackageInfo(PackageName name, ManifestMetadata metadata, Optional<List<String>> owners,
                          OptionalLong downloads, List<VersionInfo> versions) {

    private static final Comparator<VersionInfo> NEWEST_FIRST = Comparator.comparing(VersionInfo::version).reversed();

    /** Checks the values and sorts the versions newest first. */
    public PackageInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
        owners = owners.map(List::copyOf);
        Objects.requireNonNull(downloads, "downloads");
        versions = versions.stream().sorted(NEWEST_FIRST).toList();
    }

    /** What a registry's index file says: the versions with their yanked marks and dependencies. */
    public static PackageInfo of(PackageListing listing) {
        return new PackageInfo(listing.name(), ManifestMetadata.NONE, Optional.empty(), OptionalLong.empty(),
                listing.releases().stream().map(VersionInfo::of).toList());
    }

    /** The description, if known. */
    public Optional<String> description() {
        return metadata.description();
    }

    /**
     * The version to show as the package's newest, as crates.io picks it: the newest that is neither
     * yanked nor a pre-release, else the newest that is not yanked, else the newest; empty if there
     * is no version at all.
     */
    public Optional<VersionInfo> newest() {
        return NewestVersion.of(versions, VersionInfo::version, VersionInfo::yanked);
    }
}
