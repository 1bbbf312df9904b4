package io.cocoatly.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Every release of one package that a registry holds, in ascending version order. */
public record PackageListing(PackageName name, List<Release> releases) {

    public PackageListing {
        Objects.requireNonNull(name, "name");
        releases = releases.stream().sorted(Comparator.comparing(Release::version)).toList();
        for (Release r : releases) {
            if (!r.name().equals(name)) {
                throw new IllegalArgumentException("release " + r.id() + " listed under " + name);
            }
        }
    }
}
