package io.cocoatly.installer;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One installed package as recorded in {@code state.json}.
 *
 * @param source      the registry it came from, name or URL
 * @param digest      the artifact digest it was verified against, {@code <algorithm>:<hex>}; absent
 *                    for a package from a registry without artifacts
 * @param installPath absolute, normally {@code <install_dir>/<name>/<version>}
 * @param files       sorted by path, each path once
 * @param dependencies the installed packages it was resolved against (from the lockfile), sorted;
 *                     {@code uninstall} refuses to remove a package another one lists here
 */
public record StatePackage(PackageId id, String source, Optional<String> digest, Path installPath,
        List<StateFileEntry> files, Instant installedAt, List<PackageId> dependencies) {

    static final Pattern DIGEST = Pattern.compile("(sha256|blake3|sha512):[0-9a-f]+");

    /** @throws IllegalArgumentException on an empty source, a malformed digest, a relative path or a repeated file */
    public StatePackage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(installPath, "installPath");
        Objects.requireNonNull(installedAt, "installedAt");
        if (source.isEmpty()) {
            throw new IllegalArgumentException("empty source for " + id);
        }
        digest.ifPresent(d -> {
            if (!DIGEST.matcher(d).matches()) {
                throw new IllegalArgumentException("not an <algorithm>:<hex> digest: " + d);
            }
        });
        if (!installPath.isAbsolute()) {
            throw new IllegalArgumentException("install path of " + id + " is not absolute: " + installPath);
        }
        files = files.stream().sorted().toList();
        for (int i = 1; i < files.size(); i++) {
            if (files.get(i).path().equals(files.get(i - 1).path())) {
                throw new IllegalArgumentException(id + " lists `" + files.get(i).path() + "` twice");
            }
        }
        dependencies = dependencies.stream().sorted().distinct().toList();
    }

    /** A package recorded without dependencies. */
    public StatePackage(PackageId id, String source, Optional<String> digest, Path installPath,
            List<StateFileEntry> files, Instant installedAt) {
        this(id, source, digest, installPath, files, installedAt, List.of());
    }

    public PackageName name() {
        return id.name();
    }

    public Version version() {
        return id.version();
    }
}
