package io.cocoatly.registry;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A naive exhaustive resolver, used only to check the claims testdata/registry/README.md makes
 * about the sample (which package cannot be installed, what the demo resolves to). It shares no
 * code with the real solver, so it is an independent witness. One version per package; a
 * dependency on the root's own name is satisfied by the root's own version.
 */
final class ReferenceResolver {

    private final PackageIndex index;
    private final boolean allowYanked;

    ReferenceResolver(PackageIndex index, boolean allowYanked) {
        this.index = index;
        this.allowYanked = allowYanked;
    }

    /** Every complete selection, the root included, found newest-first. */
    List<Map<PackageName, Version>> all(PackageName root, Version version, List<Dependency> dependencies) {
        List<Map<PackageName, Version>> out = new ArrayList<>();
        search(root, version, dependencies, s -> {
            out.add(s);
            return false;
        });
        return out;
    }

    /** The first selection found when newer versions are always tried first. */
    Optional<Map<PackageName, Version>> first(PackageName root, Version version, List<Dependency> dependencies) {
        List<Map<PackageName, Version>> out = new ArrayList<>();
        search(root, version, dependencies, s -> out.add(s));
        return out.stream().findFirst();
    }

    private void search(PackageName root, Version version, List<Dependency> dependencies,
            Predicate<Map<PackageName, Version>> stopAfter) {
        Map<PackageName, Version> chosen = new LinkedHashMap<>();
        chosen.put(root, version);
        search(chosen, dependencies, stopAfter);
    }

    /** Returns true to stop the search. */
    private boolean search(Map<PackageName, Version> chosen, List<Dependency> pending,
            Predicate<Map<PackageName, Version>> stopAfter) {
        if (pending.isEmpty()) {
            return stopAfter.test(new TreeMap<>(chosen));
        }
        Dependency next = pending.get(0);
        List<Dependency> rest = pending.subList(1, pending.size());
        Version already = chosen.get(next.name());
        if (already != null) {
            return next.range().contains(already) && search(chosen, rest, stopAfter);
        }
        Optional<PackageListing> listing = index.find(next.name());
        if (listing.isEmpty()) {
            return false;
        }
        List<Release> releases = listing.get().releases();
        for (int i = releases.size() - 1; i >= 0; i--) {
            Release r = releases.get(i);
            if ((r.yanked() && !allowYanked) || !next.range().contains(r.version())) {
                continue;
            }
            chosen.put(r.name(), r.version());
            List<Dependency> more = new ArrayList<>(rest);
            more.addAll(r.dependencies());
            boolean stop = search(chosen, more, stopAfter);
            chosen.remove(r.name());
            if (stop) {
                return true;
            }
        }
        return false;
    }
}
