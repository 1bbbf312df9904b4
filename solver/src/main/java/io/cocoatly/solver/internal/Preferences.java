package io.cocoatly.solver.internal;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The caller's preferred versions (a lockfile, the installed state), answering what the encoding
 * asks of them: is this version pinned, and would selecting it change a preference?
 *
 * <p>Under one version per package, selecting w of p is a change when p has a preferred version
 * other than w. Under {@link VersionPolicy#SEMVER_MAJOR} a lockfile holds one version per
 * compatibility class, so only a preferred version of w's own class makes w a change: adding a new
 * class next to the locked ones changes nothing that was locked.
 */
final class Preferences {

    private final Map<PackageName, Set<Version>> byName;
    private final VersionPolicy policy;

    private Preferences(Collection<PackageId> preferred, VersionPolicy policy) {
        this.policy = policy;
        // Most resolutions have no preferences (no lockfile yet, a batch of roots): no map for them.
        this.byName = preferred.isEmpty() ? Map.of() : new HashMap<>();
        for (PackageId id : preferred) {
            byName.computeIfAbsent(id.name(), n -> new HashSet<>()).add(id.version());
        }
    }

    static Preferences of(Collection<PackageId> preferred, VersionPolicy policy) {
        return new Preferences(preferred, policy);
    }

    /**
     * Whether the caller prefers any version of {@code name}: when not, no version of it is
     * {@linkplain #isPreferred preferred} or {@linkplain #isChange a change}. Without preferences it
     * answers without hashing the name, which is most of what asking costs (a cache miss per name).
     */
    boolean prefersAny(PackageName name) {
        return !byName.isEmpty() && byName.containsKey(name);
    }

    /** Whether the caller pinned exactly this version (which lets it be chosen even if yanked). */
    boolean isPreferred(PackageName name, Version version) {
        if (byName.isEmpty()) {
            return false;
        }
        Set<Version> versions = byName.get(name);
        return versions != null && versions.contains(version);
    }

    boolean isPreferred(PackageId id) {
        return isPreferred(id.name(), id.version());
    }

    /** Whether selecting {@code id} replaces a preferred version: the first objective level counts these. */
    boolean isChange(PackageId id) {
        if (byName.isEmpty()) {
            return false;
        }
        Set<Version> versions = byName.get(id.name());
        if (versions == null || versions.contains(id.version())) {
            return false;
        }
        if (policy == VersionPolicy.ONE_PER_PACKAGE) {
            return true;
        }
        String cls = id.version().compatibilityClass();
        for (Version v : versions) {
            if (v.compatibilityClass().equals(cls)) {
                return true;
            }
        }
        return false;
    }
}
