package io.cocoatly.benchmarks;

import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A registry held in memory, as {@link RegistryGenerator} builds it; immutable and thread-safe. */
public final class GeneratedRegistry implements PackageIndex {

    private final String name;
    private final Map<PackageName, PackageListing> listings;

    GeneratedRegistry(String name, Collection<PackageListing> listings) {
        this.name = name;
        Map<PackageName, PackageListing> byName = new TreeMap<>();
        for (PackageListing listing : listings) {
            byName.put(listing.name(), listing);
        }
        this.listings = java.util.Collections.unmodifiableMap(byName);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<PackageListing> find(PackageName name) {
        return Optional.ofNullable(listings.get(name));
    }

    /** Every package, sorted by name. */
    public Collection<PackageListing> listings() {
        return listings.values();
    }

    /** How many releases the registry holds. */
    public int releaseCount() {
        return listings.values().stream().mapToInt(l -> l.releases().size()).sum();
    }
}
