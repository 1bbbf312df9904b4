package io.cocoatly.lockfile;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two selections of packages, as data: added, removed and changed versions,
 * sorted by package name. {@link LockfileDiffText} turns it into the lines {@code lock},
 * {@code update} and {@code install} print.
 *
 * <p>A package whose only version changed is one {@link Changed}; when several versions of a package
 * come and go (under a multiple-versions policy) they are listed as added and removed.
 */
public record LockfileDiff(List<Change> changes) {

    public LockfileDiff {
        changes = List.copyOf(changes);
    }

    /** One line of a diff. */
    public sealed interface Change permits Added, Removed, Changed {
        /** The package the change is about. */
        PackageName name();
    }

    /** A package version that is new: {@code + name version}. */
    public record Added(PackageId id) implements Change {
        public Added {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public PackageName name() {
            return id.name();
        }
    }

    /** A package version that is gone: {@code - name version}. */
    public record Removed(PackageId id) implements Change {
        public Removed {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public PackageName name() {
            return id.name();
        }
    }

    /** A package that moved from one version to another: {@code ~ name from -> to}. */
    public record Changed(PackageName name, Version from, Version to) implements Change {
        public Changed {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** The diff from {@code before} to {@code after}. */
    public static LockfileDiff between(Lockfile before, Lockfile after) {
        return between(before.ids(), after.ids());
    }

    /** The diff between two sets of package ids, e.g. what is installed and what a lockfile wants. */
    public static LockfileDiff between(Collection<PackageId> before, Collection<PackageId> after) {
        TreeMap<PackageName, SortedSet<Version>> old = byName(before);
        TreeMap<PackageName, SortedSet<Version>> now = byName(after);
        TreeSet<PackageName> names = new TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        List<Change> changes = new ArrayList<>();
        for (PackageName name : names) {
            SortedSet<Version> gone = new TreeSet<>(old.getOrDefault(name, new TreeSet<>()));
            SortedSet<Version> came = new TreeSet<>(now.getOrDefault(name, new TreeSet<>()));
            gone.removeAll(now.getOrDefault(name, new TreeSet<>()));
            came.removeAll(old.getOrDefault(name, new TreeSet<>()));
            if (gone.size() == 1 && came.size() == 1) {
                changes.add(new Changed(name, gone.first(), came.first()));
                continue;
            }
            gone.forEach(v -> changes.add(new Removed(new PackageId(name, v))));
            came.forEach(v -> changes.add(new Added(new PackageId(name, v))));
        }
        return new LockfileDiff(changes);
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    private static TreeMap<PackageName, SortedSet<Version>> byName(Collection<PackageId> ids) {
        TreeMap<PackageName, SortedSet<Version>> map = new TreeMap<>();
        for (PackageId id : ids) {
            map.computeIfAbsent(id.name(), n -> new TreeSet<>()).add(id.version());
        }
        return map;
    }
}
