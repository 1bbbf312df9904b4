package io.cocoatly.installer;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is installed: the content of {@code state.json}, the single commit point of every install and
 * uninstall. Immutable; {@link #with} and {@link #without} give the next state, which
 * {@link StateStore#write} commits.
 *
 * @param packages sorted by name then version, each id once
 */
public record State(List<StatePackage> packages) {

    /** The format version written in {@code state}; a newer one is refused. */
    public static final int FORMAT = 1;

    /** @throws IllegalArgumentException if a package id appears twice */
    public State {
        packages = packages.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        for (int i = 1; i < packages.size(); i++) {
            if (packages.get(i).id().equals(packages.get(i - 1).id())) {
                throw new IllegalArgumentException(packages.get(i).id() + " is recorded twice");
            }
        }
    }

    /** Nothing installed. */
    public static State empty() {
        return new State(List.of());
    }

    /** The package recorded as {@code id}, if any (a binary search: the packages are sorted by id). */
    public Optional<StatePackage> find(PackageId id) {
        int at = search(id);
        return at >= 0 ? Optional.of(packages.get(at)) : Optional.empty();
    }

    /** Every installed version of {@code name}, lowest first. */
    public List<StatePackage> find(PackageName name) {
        // Ids sort by name first, so a name's versions are one run; find its start by bisection.
        int low = 0;
        int high = packages.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (packages.get(mid).name().compareTo(name) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        int end = low;
        while (end < packages.size() && packages.get(end).name().equals(name)) {
            end++;
        }
        return packages.subList(low, end);
    }

    // Versions that differ only in build metadata compare equal without being equal, so the run of
    // ids comparing equal is scanned for the one that is.
    private int search(PackageId id) {
        int low = 0;
        int high = packages.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (packages.get(mid).id().compareTo(id) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        for (int i = low; i < packages.size() && packages.get(i).id().compareTo(id) == 0; i++) {
            if (packages.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** This state with {@code pkg} added, replacing a record of the same id. */
    public State with(StatePackage pkg) {
        List<StatePackage> next = new ArrayList<>(without(pkg.id()).packages);
        next.add(pkg);
        return new State(next);
    }

    /** This state without {@code id}; unchanged if it is not installed. */
    public State without(PackageId id) {
        return new State(packages.stream().filter(p -> !p.id().equals(id)).toList());
    }

    public List<PackageId> ids() {
        return packages.stream().map(StatePackage::id).toList();
    }
}
