package io.cocoatly.lockfile;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The lockfile's {@code manifest} section: which project it was made for and a digest of that
 * project's requirements, so {@code lock --check} can tell when the manifest changed.
 *
 * @param requirementsDigest {@code sha256:} followed by 64 lowercase hex digits, see {@link RequirementsDigest}
 * @param members            for a workspace, its members sorted by path (docs/workspaces.md); empty for
 *                           an ordinary project, whose lockfile then has no {@code members} key at all
 */
public record ManifestInfo(PackageName name, Version version, String requirementsDigest, List<Member> members) {

    /**
     * A workspace member as the lockfile records it. Members are not registry packages: they have no
     * artifact and are never installed, so they are not among the lockfile's {@code packages}.
     *
     * @param path         the member's directory relative to the workspace root, {@code /}-separated
     * @param requirements what the member's own manifest required when the lockfile was written, so
     *                     that {@code lock --check} can say which member changed what; empty when a
     *                     lockfile written before they were recorded is read
     */
    public record Member(PackageName name, Version version, String path, Optional<Requirements> requirements) {
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(requirements, "requirements");
        }
    }

    /**
     * A member's requirements as written in its manifest: each name with its requirement text,
     * sorted by name (a manifest names a package once per section).
     */
    public record Requirements(SortedMap<PackageName, String> dependencies, SortedMap<PackageName, String> devDependencies) {
        public Requirements {
            dependencies = Collections.unmodifiableSortedMap(new TreeMap<>(dependencies));
            devDependencies = Collections.unmodifiableSortedMap(new TreeMap<>(devDependencies));
        }

        /** The requirements of {@code manifest}'s two sections. */
        public static Requirements of(Manifest manifest) {
            return new Requirements(map(manifest.dependencies()), map(manifest.devDependencies()));
        }

        private static SortedMap<PackageName, String> map(List<Dependency> dependencies) {
            SortedMap<PackageName, String> map = new TreeMap<>();
            dependencies.forEach(d -> map.put(d.name(), d.requirement()));
            return map;
        }
    }

    static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /** @throws IllegalArgumentException if the digest is not {@code sha256:<64 hex>} */
    public ManifestInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(requirementsDigest, "requirementsDigest");
        if (!DIGEST.matcher(requirementsDigest).matches()) {
            throw new IllegalArgumentException("not a sha256:<hex> digest: " + requirementsDigest);
        }
        members = members.stream().sorted(Comparator.comparing(Member::path)).toList();
    }

    /** The section of an ordinary project: no members. */
    public ManifestInfo(PackageName name, Version version, String requirementsDigest) {
        this(name, version, requirementsDigest, List.of());
    }
}
