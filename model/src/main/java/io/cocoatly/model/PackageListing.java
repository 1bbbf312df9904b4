package io.cocoatly.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Every release of one package that a registry holds, in ascending version order. */
public record PackageListing(PackageName name, List<Release> releases) {

    public PackageListing {
        Objects.requireNonNull(name, "name");
        // An array and a loop rather than a stream, as in Release: made for every package read.
        Release[] sorted = releases.toArray(new Release[0]);
        Arrays.sort(sorted, (a, b) -> a.version().compareTo(b.version()));
        releases = List.of(sorted);
        for (Release r : releases) {
            if (!r.name().equals(name)) {
                throw new IllegalArgumentException("release " + r.id() + " listed under " + name);
            }
        }
    }
}
