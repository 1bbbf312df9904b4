package io.cocoatly.testkit;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link PackageIndex} over releases held in memory: scenarios, tests and benchmarks build one
 * without touching disk. Immutable once built, so safe to share between threads.
 */
public final class InMemoryIndex implements PackageIndex {

    /**
     * A release without an artifact, its dependencies written {@code "name requirement"}, e.g.
     * {@code release("lib", "1.0.0", "util ^1")}.
     */
    public static Release release(String name, String version, String... dependencies) {
        List<Dependency> deps = new ArrayList<>();
        for (String d : dependencies) {
            String[] parts = d.split(" ", 2);
            deps.add(Dependency.parse(parts[0], parts[1]));
        }
        return new Release(PackageId.of(name, version), deps, false, Optional.empty());
    }

    private final String name;
    private final SortedMap<PackageName, PackageListing> listings;

    /**
     * Indexes the releases.
     *
     * @param name     the registry's name as used in messages
     * @param releases in any order
     * @throws IllegalArgumentException if two releases have the same id
     */
    public InMemoryIndex(String name, Collection<Release> releases) {
        this.name = Objects.requireNonNull(name, "name");
        Map<PackageName, List<Release>> byName = new TreeMap<>();
        Set<PackageId> seen = new HashSet<>();
        for (Release release : releases) {
            if (!seen.add(release.id())) {
                throw new IllegalArgumentException("release " + release.id() + " is listed twice");
            }
            byName.computeIfAbsent(release.name(), n -> new ArrayList<>()).add(release);
        }
        SortedMap<PackageName, PackageListing> built = new TreeMap<>();
        byName.forEach((n, list) -> built.put(n, new PackageListing(n, list)));
        this.listings = Collections.unmodifiableSortedMap(built);
    }

    /** The registry's name given at construction. */
    @Override
    public String name() {
        return name;
    }

    /** The package's releases, sorted by version, or empty if it has none. */
    @Override
    public Optional<PackageListing> find(PackageName packageName) {
        return Optional.ofNullable(listings.get(packageName));
    }

    /** Every package that has at least one release, sorted by name. */
    public Set<PackageName> packages() {
        return listings.keySet();
    }

    /** Every release, sorted by name then version. */
    public List<Release> releases() {
        return listings.values().stream().flatMap(l -> l.releases().stream()).toList();
    }

    /** {@code InMemoryIndex[name, N packages]}, for test messages. */
    @Override
    public String toString() {
        return "InMemoryIndex[" + name + ", " + listings.size() + " packages]";
    }
}
