package io.cocoatly.registry.http;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Looks up every package reachable from some roots, breadth first, as a resolver meets them. */
final class Closure {

    private Closure() {
    }

    /** The names reached, roots first. */
    static Set<PackageName> of(FileRegistry index, List<String> roots) {
        Set<PackageName> seen = new LinkedHashSet<>();
        Deque<PackageName> queue = new ArrayDeque<>();
        roots.forEach(r -> queue.add(PackageName.of(r)));
        while (!queue.isEmpty()) {
            PackageName name = queue.poll();
            if (!seen.add(name)) {
                continue;
            }
            Optional<PackageListing> listing = index.find(name);
            for (Release release : listing.map(PackageListing::releases).orElse(List.of())) {
                for (Dependency d : release.dependencies()) {
                    queue.add(d.name());
                }
            }
        }
        return seen;
    }
}
