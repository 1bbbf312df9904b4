package io.cocoatly.installer;

import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileDiff;
import io.cocoatly.model.PackageId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying a lockfile will do, computed before anything touches the disk: per package keep,
 * install, upgrade or reinstall, where each artifact comes from, and which installed packages go.
 * {@link InstallPlanner} makes it; an {@link Installer} executes it.
 *
 * @param lockfile     the desired installation
 * @param packages     one entry per lockfile package, in install order (group by group)
 * @param installOrder the lockfile's groups; a group of several is a dependency cycle
 * @param removals     installed packages that are not in the lockfile (including versions replaced by
 *                     an upgrade), sorted; deleted only after the new state is committed
 */
public record InstallPlan(Lockfile lockfile, List<PlannedPackage> packages, List<List<PackageId>> installOrder,
                          List<StatePackage> removals) {

    public InstallPlan {
        Objects.requireNonNull(lockfile, "lockfile");
        packages = List.copyOf(packages);
        installOrder = installOrder.stream().map(List::copyOf).toList();
        removals = removals.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** The packages whose files change (everything but {@link PlannedPackage.Action#KEEP}). */
    public List<PlannedPackage> changes() {
        return packages.stream().filter(PlannedPackage::changes).toList();
    }

    /** The packages whose artifact must be fetched or taken from the cache. */
    public List<PlannedPackage> fetches() {
        return packages.stream().filter(p -> p.fetch() != PlannedPackage.Fetch.NONE).toList();
    }

    /** The entry for {@code id}, if the lockfile has it. */
    public Optional<PlannedPackage> find(PackageId id) {
        return packages.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Whether executing the plan would change nothing. */
    public boolean isNoOp() {
        return changes().isEmpty() && removals.isEmpty();
    }

    /** The change in installed versions as {@code + a 1.0.0}, {@code - b 1.0.0}, {@code ~ c 1.0.0 -> 2.0.0} lines. */
    public LockfileDiff diff() {
        List<PackageId> before = new ArrayList<>();
        packages.stream().filter(p -> p.action() == PlannedPackage.Action.KEEP || p.action() == PlannedPackage.Action.REINSTALL)
                .forEach(p -> before.add(p.id()));
        removals.forEach(p -> before.add(p.id()));
        return LockfileDiff.between(before, lockfile.ids());
    }

    /** Total bytes of artifacts to download (cache hits not counted). */
    public long downloadBytes() {
        return packages.stream().filter(p -> p.fetch() == PlannedPackage.Fetch.DOWNLOAD)
                .mapToLong(p -> p.download().get().artifact().size()).sum();
    }
}
