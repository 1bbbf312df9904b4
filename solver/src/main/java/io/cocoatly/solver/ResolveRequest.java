package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.VersionPolicy;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to resolve: the root manifest and the caller's preferences.
 *
 * @param root             the project being resolved; its dependencies and dev-dependencies are the root
 *                         requirements (a lock resolves both, so the two agree on shared packages),
 *                         held here as one list of {@code dependencies}
 * @param preferred        versions to keep if possible (a lockfile or the installed state): the first
 *                         optimisation level minimises how many of them change. Selecting another
 *                         version of a package is a change when a preferred version of it exists (of
 *                         the same compatibility class, under {@link VersionPolicy#SEMVER_MAJOR}, where
 *                         a lockfile may hold one version per class). A preferred version may be
 *                         yanked: pinning is what lets a yanked version be chosen.
 * @param policy           how many versions of one package may be selected together
 * @param allowPrereleases when false, prereleases rank below every release of the same package
 * @param timeout          wall-clock budget for optimisation; past it the best solution found so far is
 *                         returned with {@code optimal = false}. Empty: no limit.
 * @param origins          for root requirements that several manifests contribute (a workspace's
 *                         members), which of them declare each one; a requirement not in the map is
 *                         the root's own, as every requirement of an ordinary project is. Only
 *                         explanations read it: it changes nothing that is selected.
 * @param explain          whether an unsatisfiable answer carries its {@link Explanation}. Building it
 *                         costs most of an unsatisfiable resolution (a minimal conflict takes many
 *                         solver calls), so a caller that only needs the verdict, such as a batch,
 *                         turns it off; the verdict and every selection are the same either way.
 */
public record ResolveRequest(Manifest root, Set<PackageId> preferred, VersionPolicy policy,
                             boolean allowPrereleases, Optional<Duration> timeout,
                             Map<Dependency, List<RequirementOrigin>> origins, boolean explain) {

    public ResolveRequest {
        Objects.requireNonNull(root, "root");
        // The one place dev-dependencies join the root requirements: every part of the solver
        // (encoding, explanations, selection reasons) reads root.dependencies().
        if (!root.devDependencies().isEmpty()) {
            root = new Manifest(root.name(), root.version(), root.allDependencies(), List.of(), root.metadata());
        }
        preferred = Collections.unmodifiableSet(new TreeSet<>(preferred));
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(timeout, "timeout");
        Map<Dependency, List<RequirementOrigin>> copy = new LinkedHashMap<>();
        origins.forEach((d, o) -> copy.put(d, List.copyOf(o)));
        origins = Collections.unmodifiableMap(copy);
    }

    /** A request that explains an unsatisfiable answer. */
    public ResolveRequest(Manifest root, Set<PackageId> preferred, VersionPolicy policy, boolean allowPrereleases,
                          Optional<Duration> timeout, Map<Dependency, List<RequirementOrigin>> origins) {
        this(root, preferred, policy, allowPrereleases, timeout, origins, true);
    }

    /** A request whose root declares every requirement itself: no origins. */
    public ResolveRequest(Manifest root, Set<PackageId> preferred, VersionPolicy policy, boolean allowPrereleases,
                          Optional<Duration> timeout) {
        this(root, preferred, policy, allowPrereleases, timeout, Map.of());
    }

    /** The defaults: no preferences, one version per package, releases first, no time limit. */
    public static ResolveRequest of(Manifest root) {
        return new ResolveRequest(root, Set.of(), VersionPolicy.ONE_PER_PACKAGE, false, Optional.empty());
    }

    public ResolveRequest withPreferred(Collection<PackageId> preferred) {
        return new ResolveRequest(root, Set.copyOf(preferred), policy, allowPrereleases, timeout, origins, explain);
    }

    public ResolveRequest withPolicy(VersionPolicy policy) {
        return new ResolveRequest(root, preferred, policy, allowPrereleases, timeout, origins, explain);
    }

    public ResolveRequest withTimeout(Duration timeout) {
        return new ResolveRequest(root, preferred, policy, allowPrereleases, Optional.of(timeout), origins, explain);
    }

    public ResolveRequest withAllowPrereleases(boolean allow) {
        return new ResolveRequest(root, preferred, policy, allow, timeout, origins, explain);
    }

    /** This request with {@code origins} saying which manifests declare the root requirements. */
    public ResolveRequest withOrigins(Map<Dependency, List<RequirementOrigin>> origins) {
        return new ResolveRequest(root, preferred, policy, allowPrereleases, timeout, origins, explain);
    }

    /**
     * This request with or without an explanation of an unsatisfiable answer; without one, the
     * {@link Resolution.Unsatisfiable} names no packages and says only that nothing fits.
     */
    public ResolveRequest withExplanation(boolean explain) {
        return new ResolveRequest(root, preferred, policy, allowPrereleases, timeout, origins, explain);
    }
}
