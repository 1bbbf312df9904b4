package io.cocoatly.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which version a listing shows as a package's newest (in {@code search}, {@code info} and the
 * registry server's answers), as crates.io picks it: the newest that is neither yanked nor a
 * pre-release, else the newest that is not yanked, else the newest. One rule, so that a search over
 * a directory and the same search through a server's API agree.
 */
public final class NewestVersion {

    private NewestVersion() {
    }

    /**
     * The item to show as newest, or empty if there is none.
     *
     * @param items   releases in any order, of any type
     * @param version the version of an item
     * @param yanked  whether an item is yanked
     */
    public static <T> Optional<T> of(Collection<T> items, Function<T, Version> version, Predicate<T> yanked) {
        Comparator<T> byVersion = Comparator.comparing(version);
        return items.stream().filter(i -> !yanked.test(i) && !version.apply(i).isPrerelease()).max(byVersion)
                .or(() -> items.stream().filter(i -> !yanked.test(i)).max(byVersion))
                .or(() -> items.stream().max(byVersion));
    }
}
