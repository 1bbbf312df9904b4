package io.cocoatly.project;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.model.VersionRange;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes a new lockfile from the manifest, the registry and the previous lockfile, moving as
 * little as possible: what {@code lock} and {@code update} share.
 *
 * <p>Every result is re-resolved once more with its own selection as the preferred versions, and
 * that is what is written. The lockfile is then a function of the selection alone, not of the path
 * that led to it: its {@code preferred-changes} is 0 and running {@code lock} again is a no-op.
 */
public final class Relock {

    /** A new lockfile, and what the user should be told about how it was reached. */
    public record Outcome(Lockfile lockfile, List<String> warnings) {
        public Outcome {
            warnings = List.copyOf(warnings);
        }

        /** This outcome with {@code earlier} warnings before its own. */
        public Outcome warnFirst(List<String> earlier) {
            List<String> all = new ArrayList<>(earlier);
            all.addAll(warnings);
            return new Outcome(lockfile, all);
        }
    }

    private final PackageIndex index;
    private final URI location;
    private final Manifest manifest;
    private final VersionPolicy policy;
    private final Optional<Duration> timeout;
    private final Resolver resolver;
    private final Optional<WorkspaceResolution> workspace;

    /**
     * @param location where {@code index} is, recorded in the lockfile as its source's URL, e.g.
     *                 {@code file:///srv/registry/}
     * @param timeout  how long each resolve may optimise; empty for no limit
     */
    public Relock(PackageIndex index, URI location, Manifest manifest, VersionPolicy policy, Optional<Duration> timeout) {
        this.index = index;
        this.location = location;
        this.manifest = manifest;
        this.policy = policy;
        this.timeout = timeout;
        this.resolver = new Resolver(index);
        this.workspace = Optional.empty();
    }

    /**
     * Relocks a whole workspace: one resolution of every member's requirements together, each member
     * a package of its own version only (see {@link WorkspaceResolution}); one lockfile, which records
     * the members and holds no member among its packages.
     *
     * @param registry the registry's index; the members are laid over it
     */
    public Relock(PackageIndex registry, URI location, WorkspaceResolution workspace, VersionPolicy policy,
            Optional<Duration> timeout) {
        this.index = workspace.index(registry);
        this.location = location;
        this.manifest = workspace.registryRoot(this.index);
        this.policy = policy;
        this.timeout = timeout;
        this.resolver = new Resolver(this.index);
        this.workspace = Optional.of(workspace);
    }

    /** Every manifest that is resolved must name only packages the registry (or the workspace) has. */
    private void requireKnownPackages() {
        if (workspace.isEmpty()) {
            KnownPackages.require(manifest, index);
            return;
        }
        workspace.get().requireKnownPackages(index);
    }

    /**
     * Keeps every locked version that is still allowed: only the manifest or the registry (a yanked
     * or removed version) makes a package move.
     *
     * @throws UnsatisfiableException if nothing fits
     * @throws io.cocoatly.model.CocoatlyException code {@code unknown-package} if the manifest names a
     *     package the registry does not have
     */
    public Outcome lock(Optional<Lockfile> previous) {
        requireKnownPackages();
        return relock(previous.map(Lockfile::packages).orElse(List.of()), Map.of());
    }

    /**
     * Moves {@code names} (every package if empty) to the newest versions allowed, and the other
     * packages only as far as that forces them.
     *
     * <p>With one version per package, each named package in name order gets the newest version with
     * which some selection exists (given the packages named before it), and among those selections
     * the one that changes fewest other locked versions. A named package that cannot move up stays
     * where it is. Under {@code semver-major} a package may be locked at several versions, and the
     * named ones are only released from the preferences.
     *
     * @throws UnsatisfiableException if nothing fits
     * @throws io.cocoatly.model.CocoatlyException code {@code unknown-package} if the manifest names a
     *     package the registry does not have
     */
    public Outcome update(Optional<Lockfile> previous, Set<PackageName> names) {
        requireKnownPackages();
        if (names.isEmpty() || previous.isEmpty()) {
            return relock(List.of(), Map.of());
        }
        List<LockedPackage> kept = new ArrayList<>(previous.get().packages().stream()
                .filter(p -> !names.contains(p.name())).toList());
        if (policy == VersionPolicy.SEMVER_MAJOR) {
            return relock(kept, Map.of());
        }
        Map<PackageName, Dependency> pins = new TreeMap<>();
        for (PackageName name : new TreeSet<>(names)) {
            List<LockedPackage> locked = previous.get().packages().stream().filter(p -> p.name().equals(name)).toList();
            Version current = locked.stream().map(LockedPackage::version).max(Comparator.naturalOrder()).orElseThrow();
            Set<PackageId> preferred = preferences(kept, false);
            boolean moved = false;
            for (Version candidate : newerCandidates(name, current)) {
                Map<PackageName, Dependency> tried = new TreeMap<>(pins);
                tried.put(name, new Dependency(name, "=" + candidate, VersionRange.exactly(candidate)));
                if (resolve(pinned(tried), preferred) instanceof Resolution.Solved) {
                    pins = tried;
                    moved = true;
                    break;
                }
            }
            if (!moved) {
                kept.addAll(locked);
            }
        }
        return relock(kept, pins);
    }

    /** Resolves with {@code kept} preferred and {@code pins} as extra root requirements. */
    private Outcome relock(List<LockedPackage> kept, Map<PackageName, Dependency> pins) {
        List<String> warnings = new ArrayList<>();
        Manifest root = pinned(pins);
        Set<PackageId> preferred = preferences(kept, false);
        Resolution r = resolve(root, preferred);
        if (r instanceof Resolution.Unsatisfiable) {
            // A yanked locked version may still be the only one that fits: keep it, and say so. When
            // nothing fits even so, the conflict is explained with those versions allowed: otherwise it
            // would blame a yanked version that `lock` keeps, not the requirement nothing meets.
            Set<PackageId> withYanked = preferences(kept, true);
            if (!withYanked.equals(preferred)) {
                r = resolve(root, withYanked);
                if (r instanceof Resolution.Solved s) {
                    for (Resolution.SelectedPackage p : s.packages()) {
                        if (isYanked(p.id())) {
                            warnings.add("`" + p.id() + "` is yanked, but no other version fits; it stays locked");
                        }
                    }
                }
            }
        }
        if (r instanceof Resolution.Unsatisfiable u) {
            throw new UnsatisfiableException(manifest, u);
        }
        return new Outcome(canonical((Resolution.Solved) r), warnings);
    }

    /** Re-resolves with the selection itself preferred, so the lockfile depends on the selection only. */
    private Lockfile canonical(Resolution.Solved chosen) {
        Set<PackageId> self = new TreeSet<>();
        for (Resolution.SelectedPackage p : chosen.packages()) {
            self.add(p.id());
        }
        Resolution again = resolve(manifest, self);
        if (!(again instanceof Resolution.Solved s)) {
            throw new AssertionError("a selection stopped being a solution when preferred: " + chosen);
        }
        Resolution.Solved result = new Resolution.Solved(s.packages(), s.optimal() && chosen.optimal(), s.objective(),
                s.statistics());
        return workspace.isPresent() ? LockfileFactory.build(workspace.get(), result, index, location, policy)
                : LockfileFactory.build(manifest, result, index, location, policy);
    }

    private Resolution resolve(Manifest root, Set<PackageId> preferred) {
        ResolveRequest request = ResolveRequest.of(root).withPolicy(policy).withPreferred(preferred);
        if (workspace.isPresent()) {
            request = request.withOrigins(workspace.get().origins());
        }
        return resolver.resolve(timeout.map(request::withTimeout).orElse(request));
    }

    /**
     * The manifest with {@code pins} replacing or adding root requirements, for resolving only: its
     * dev-dependencies become plain ones, which the solver does not tell apart.
     */
    private Manifest pinned(Map<PackageName, Dependency> pins) {
        // A workspace's root may require one name several times (members with different ranges):
        // a pin replaces them all, and every other requirement is kept as it is.
        List<Dependency> dependencies = new ArrayList<>();
        manifest.allDependencies().stream().filter(d -> !pins.containsKey(d.name())).forEach(dependencies::add);
        dependencies.addAll(pins.values());
        return new Manifest(manifest.name(), manifest.version(), dependencies);
    }

    /**
     * Versions of {@code name} newer than {@code locked}, newest first, that could be chosen without
     * a pin: not yanked, not prereleases, and inside the manifest's range for a direct dependency.
     */
    private List<Version> newerCandidates(PackageName name, Version locked) {
        Optional<VersionRange> direct = manifest.allDependencies().stream().filter(d -> d.name().equals(name))
                .map(Dependency::range).findFirst();
        List<Version> result = new ArrayList<>();
        for (Release r : index.find(name).map(l -> l.releases()).orElse(List.of())) {
            Version v = r.version();
            if (!r.yanked() && !v.isPrerelease() && v.isHigherThan(locked) && direct.map(d -> d.contains(v)).orElse(true)) {
                result.add(v);
            }
        }
        result.sort(Comparator.reverseOrder());
        return result;
    }

    /** One preferred version per package: the newest locked one still in the registry. */
    private Set<PackageId> preferences(List<LockedPackage> kept, boolean includeYanked) {
        Set<PackageId> preferred = new TreeSet<>();
        for (LockedPackage p : kept) {
            Optional<Release> release = LockfileFactory.release(index, p.id());
            if (release.isEmpty() || (release.get().yanked() && !includeYanked)) {
                continue;
            }
            preferred.add(p.id());
        }
        return preferred;
    }

    private boolean isYanked(PackageId id) {
        return LockfileFactory.release(index, id).map(Release::yanked).orElse(false);
    }
}
