package io.cocoatly.registry.http;

import java.util.List;

/**
 * One page of a search: the packages found, exact name matches first, then by name.
 *
 * @param total how many packages match in all, on every page
 */
public record SearchResults(List<SearchHit> packages, long total) {

    /** Copies the list. */
    public SearchResults {
        packages = List.copyOf(packages);
    }
}
