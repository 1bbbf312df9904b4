package io.cocoatly.solver;

import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What to resolve: the root manifest and the caller's preferences.
 *
 * @param root             the project being resolved; its dependencies are the root requirements
 * @param preferred        versions to keep if possible (a lockfile or the installed state): the first
 *                         optimisation level minimises how many of them change. A preferred version
 *                         may be yanked: pinning is what lets a yanked version be chosen.
 * @param policy           how many versions of one package may be selected together
 * @param allowPrereleases when false, prereleases rank below every release of the same package
 * @param timeout          wall-clock budget for optimisation; past it the best solution found so far is
 *                         returned with {@code optimal = false}. Empty: no limit.
 */
public record ResolveRequest(Manifest root, Map<PackageName, Version> preferred, VersionPolicy policy,
                             boolean allowPrereleases, Optional<Duration> timeout) {

    public ResolveRequest {
        Objects.requireNonNull(root, "root");
        preferred = java.util.Collections.unmodifiableMap(new TreeMap<>(preferred));
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The defaults: no preferences, one version per package, releases first, no time limit. */
    public static ResolveRequest of(Manifest root) {
        return new ResolveRequest(root, Map.of(), VersionPolicy.ONE_PER_PACKAGE, false, Optional.empty());
    }

    public ResolveRequest withPreferred(Map<PackageName, Version> preferred) {
        return new ResolveRequest(root, preferred, policy, allowPrereleases, timeout);
    }

    public ResolveRequest withPolicy(VersionPolicy policy) {
        return new ResolveRequest(root, preferred, policy, allowPrereleases, timeout);
    }

    public ResolveRequest withTimeout(Duration timeout) {
        return new ResolveRequest(root, preferred, policy, allowPrereleases, Optional.of(timeout));
    }

    public ResolveRequest withAllowPrereleases(boolean allow) {
        return new ResolveRequest(root, preferred, policy, allow, timeout);
    }
}
