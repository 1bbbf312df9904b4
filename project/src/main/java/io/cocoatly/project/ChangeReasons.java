package io.cocoatly.project;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileDiff.Added;
import io.cocoatly.lockfile.LockfileDiff.Change;
import io.cocoatly.lockfile.LockfileDiff.Changed;
import io.cocoatly.lockfile.LockfileDiff.Removed;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why each line of a lockfile diff happened, in a few words: the first of these that applies.
 *
 * <ul>
 *   <li>added: {@code manifest requires http ^1.0} for a direct dependency, else
 *       {@code required by http 1.3.0} naming the packages of the new lockfile that depend on it;
 *   <li>removed: {@code no longer required};
 *   <li>changed: {@code locked version 1.0.0 was yanked}; {@code locked version 1.0.0 is no longer in
 *       registry `sample`}; {@code manifest now requires http ^1.3}; {@code update requested};
 *       {@code http 1.3.0 requires tls ^2.0} (a new dependent's range excludes the old version);
 *       {@code tls 1.9.3 requires ring ^0.16, but ring 0.17.5 is locked now} (the old version's own
 *       requirements no longer fit); otherwise {@code moved with the other changes}.
 * </ul>
 */
public final class ChangeReasons {

    private final PackageIndex index;
    private final Manifest manifest;
    private final Lockfile after;
    private final Set<PackageName> requested;

    /**
     * @param requested the packages the user asked to update; every package when {@code update} was
     *                  run without names, none for {@code lock}
     */
    public ChangeReasons(PackageIndex index, Manifest manifest, Lockfile after, Set<PackageName> requested) {
        this.index = index;
        this.manifest = manifest;
        this.after = after;
        this.requested = Set.copyOf(requested);
    }

    public String of(Change change) {
        if (change instanceof Added a) {
            return added(a.id());
        }
        if (change instanceof Removed) {
            return "no longer required";
        }
        if (change instanceof Changed c) {
            return changed(c);
        }
        throw new AssertionError(change);
    }

    private String added(PackageId id) {
        Optional<Dependency> direct = rootRequirement(id.name());
        if (direct.isPresent() && direct.get().range().contains(id.version())) {
            return "manifest requires " + direct.get();
        }
        List<PackageId> dependents = after.packages().stream().filter(p -> p.dependencies().contains(id))
                .map(LockedPackage::id).toList();
        if (dependents.isEmpty()) {
            return "required";
        }
        String first = dependents.get(0).name() + " " + dependents.get(0).version();
        return "required by " + first + (dependents.size() == 1 ? "" : " and " + (dependents.size() - 1) + " more");
    }

    private String changed(Changed c) {
        PackageId old = new PackageId(c.name(), c.from());
        Optional<Release> oldRelease = LockfileFactory.release(index, old);
        if (oldRelease.isEmpty()) {
            return "locked version " + c.from() + " is no longer in registry `" + index.name() + "`";
        }
        if (oldRelease.get().yanked()) {
            return "locked version " + c.from() + " was yanked";
        }
        Optional<Dependency> direct = rootRequirement(c.name());
        if (direct.isPresent() && !direct.get().range().contains(c.from())) {
            return "manifest now requires " + direct.get();
        }
        if (requested.contains(c.name())) {
            return "update requested";
        }
        for (LockedPackage p : after.packages()) {
            PackageId now = new PackageId(c.name(), c.to());
            if (!p.dependencies().contains(now)) {
                continue;
            }
            Optional<Dependency> edge = requirementOn(p.id(), c.name());
            if (edge.isPresent() && !edge.get().range().contains(c.from())) {
                return p.name() + " " + p.version() + " requires " + edge.get();
            }
        }
        for (Dependency d : oldRelease.get().dependencies()) {
            Optional<Version> locked = after.packages().stream().filter(p -> p.name().equals(d.name()))
                    .map(LockedPackage::version).filter(v -> !d.range().contains(v)).findFirst();
            if (locked.isPresent()) {
                return c.name() + " " + c.from() + " requires " + d + ", but " + d.name() + " " + locked.get()
                        + " is locked now";
            }
        }
        return "moved with the other changes";
    }

    private Optional<Dependency> rootRequirement(PackageName name) {
        return manifest.allDependencies().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private Optional<Dependency> requirementOn(PackageId from, PackageName to) {
        return LockfileFactory.release(index, from).flatMap(r -> r.dependencies().stream()
                .filter(d -> d.name().equals(to)).findFirst());
    }
}
