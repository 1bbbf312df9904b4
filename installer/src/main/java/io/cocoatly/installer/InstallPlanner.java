package io.cocoatly.installer;

import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a lockfile and the current state into an {@link InstallPlan}. Reads nothing but the cache
 * directory (to tell cache hits from downloads) and writes nothing.
 */
public final class InstallPlanner {

    private static final List<DigestAlgorithm> DIGEST_ORDER =
            List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512, DigestAlgorithm.BLAKE3);

    private InstallPlanner() {
    }

    /**
     * The plan that makes the installation equal to {@code lockfile}.
     *
     * @param registry for a format-1 lockfile, the registry root its relative artifact URLs resolve
     *                 against (may be empty when every one is absolute); ignored for a lockfile that
     *                 {@linkplain Lockfile#locatesArtifacts() locates its artifacts} itself
     * @param cacheDir the download cache ({@code cache.dir})
     * @throws CocoatlyException code {@code no-registry} if a relative artifact URL has nothing to
     *     resolve against, {@code unsupported-url} if an artifact URL cannot be fetched
     */
    public static InstallPlan plan(Lockfile lockfile, State state, Optional<URI> registry, Path cacheDir) {
        return plan(lockfile, state, registry, cacheDir, Set.of());
    }

    /**
     * The same, reinstalling the packages in {@code repair} even where the state records the digest
     * the lockfile asks for (their files on disk no longer match the state).
     */
    public static InstallPlan plan(Lockfile lockfile, State state, Optional<URI> registry, Path cacheDir,
            Set<PackageId> repair) {
        ArtifactCache cache = new ArtifactCache(cacheDir);
        // From format 2 on the lockfile records where each artifact is, absolute; a registry given
        // now must not redirect downloads the lockfile pinned (checksums and signatures still hold,
        // but what is installed should not depend on where the command happens to point).
        Optional<URI> base = lockfile.locatesArtifacts() ? Optional.empty() : registry;
        // One map instead of Lockfile.find per package (a scan): planning stays linear at 10,000 packages.
        Map<PackageId, LockedPackage> locked = new HashMap<>();
        lockfile.packages().forEach(p -> locked.put(p.id(), p));
        List<PackageId> ids = lockfile.ids();
        List<PlannedPackage> packages = new ArrayList<>();
        for (List<PackageId> group : lockfile.installOrder()) {
            for (PackageId id : group) {
                packages.add(planOne(Objects.requireNonNull(locked.get(id), id::toString), state, base, cache, repair));
            }
        }
        Set<PackageId> wanted = new HashSet<>(ids);
        List<StatePackage> removals = state.packages().stream().filter(p -> !wanted.contains(p.id())).toList();
        return new InstallPlan(lockfile, packages, lockfile.installOrder(), removals);
    }

    private static PlannedPackage planOne(LockedPackage locked, State state, Optional<URI> registry, ArtifactCache cache,
            Set<PackageId> repair) {
        Optional<String> digest = locked.artifact().map(InstallPlanner::digest);
        Optional<StatePackage> same = state.find(locked.id());
        if (same.isPresent() && same.get().digest().equals(digest) && !repair.contains(locked.id())) {
            return new PlannedPackage(locked, PlannedPackage.Action.KEEP, PlannedPackage.Fetch.NONE, Optional.empty(),
                    Optional.empty());
        }
        PlannedPackage.Action action;
        Optional<PackageId> replaces;
        if (same.isPresent()) {
            action = PlannedPackage.Action.REINSTALL;
            replaces = Optional.of(locked.id());
        } else {
            replaces = replaced(locked.name(), state);
            action = replaces.isPresent() ? PlannedPackage.Action.UPGRADE : PlannedPackage.Action.INSTALL;
        }
        if (locked.artifact().isEmpty()) {
            return new PlannedPackage(locked, action, PlannedPackage.Fetch.NONE, Optional.empty(), replaces);
        }
        Artifact artifact = locked.artifact().get();
        DownloadRequest request = DownloadRequest.of(locked.id(), artifact, base(locked, artifact, registry));
        Path cached = cache.pathFor(known(artifact));
        PlannedPackage.Fetch fetch = Files.isRegularFile(cached, LinkOption.NOFOLLOW_LINKS)
                ? PlannedPackage.Fetch.CACHE : PlannedPackage.Fetch.DOWNLOAD;
        return new PlannedPackage(locked, action, fetch, Optional.of(request), replaces);
    }

    // The highest installed version of the same name that the lockfile replaces, for the `~` line.
    private static Optional<PackageId> replaced(PackageName name, State state) {
        List<StatePackage> installed = state.find(name);
        return installed.isEmpty() ? Optional.empty() : Optional.of(installed.get(installed.size() - 1).id());
    }

    private static URI base(LockedPackage locked, Artifact artifact, Optional<URI> registry) {
        if (isAbsolute(artifact.url()) || registry.isPresent()) {
            return registry.orElse(URI.create("file:/"));
        }
        throw new CocoatlyException(ErrorKind.INVALID_INPUT, "no-registry", "`" + locked.id() + "` has a relative artifact URL and no registry"
                + " is configured: `" + artifact.url() + "`", List.of("pass `--registry DIR_OR_URL`, or set `registry.url`"
                + " in config.json", "or run `cocoatly lock` to rewrite the lockfile as format 2, which records where"
                + " every artifact is"));
    }

    private static boolean isAbsolute(String url) {
        try {
            return new URI(url).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The digest an installed package is recorded with, {@code <algorithm>:<hex>}: sha256 when the
     * artifact names one, else sha512, else blake3 (the cache's key).
     */
    public static String digest(Artifact artifact) {
        Checksums known = known(artifact);
        for (DigestAlgorithm a : DIGEST_ORDER) {
            Optional<String> hex = known.get(a);
            if (hex.isPresent()) {
                return a.id() + ":" + hex.get();
            }
        }
        throw new IllegalArgumentException("an artifact without a known digest: " + artifact.url());
    }

    // Digests under names we do not know are ignored here; the verifier refuses them later.
    private static Checksums known(Artifact artifact) {
        Map<DigestAlgorithm, String> map = new EnumMap<>(DigestAlgorithm.class);
        artifact.checksums().forEach((name, hex) -> DigestAlgorithm.find(name).ifPresent(a -> map.put(a, hex)));
        return new Checksums(map);
    }
}
