package io.cocoatly.registry.http;

import io.cocoatly.model.NewestVersion;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Search over a registry that has no API: its package names (a directory lists its index; a static
 * HTTP registry has {@code names.json}), matched by substring, the exact name first, then by name,
 * as the API's search orders them (docs/registry-protocol.md §2.4). Only the index files of the
 * packages shown are read, for their newest version.
 */
public final class NameSearch {

    private NameSearch() {
    }

    /**
     * The names that contain {@code term} (ignoring case), the exact match first, then by name.
     *
     * @param term any text; a blank term matches every name
     */
    public static List<PackageName> matching(String term, List<PackageName> names) {
        String wanted = term.strip().toLowerCase(Locale.ROOT);
        List<PackageName> found = new ArrayList<>();
        for (PackageName name : names) {
            if (name.value().contains(wanted)) {
                found.add(name);
            }
        }
        found.sort(Comparator.comparing((PackageName n) -> !n.value().equals(wanted)).thenComparing(PackageName::value));
        return found;
    }

    /**
     * The first {@code limit} matches in {@code index}, each with its newest version that is not yanked.
     *
     * @param names every name the registry has ({@link PackageIndex#listNames()})
     */
    public static SearchResults search(PackageIndex index, List<PackageName> names, String term, int limit) {
        List<PackageName> found = matching(term, names);
        List<SearchHit> hits = new ArrayList<>();
        for (PackageName name : found.subList(0, Math.min(limit, found.size()))) {
            var newest = index.find(name).flatMap(l -> NewestVersion.of(l.releases(), Release::version, Release::yanked))
                    .filter(r -> !r.yanked()).map(Release::version);
            hits.add(new SearchHit(name, newest, Optional.empty(), OptionalLong.empty()));
        }
        return new SearchResults(hits, found.size());
    }
}
