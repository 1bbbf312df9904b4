package io.cocoatly.project;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Workspace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What some members of a workspace need of its one lockfile: {@code install -p NAME}
 * (docs/workspaces.md, "Commands"), as {@code cargo build -p} and {@code pnpm --filter} do.
 *
 * <p>The closure starts at the selected manifests' dependencies, and their dev-dependencies unless
 * for production. A dependency on another member (or on the root's own package) brings in that member's dependencies (not its
 * dev-dependencies: a member used by another is used as a library). A dependency on a registry
 * package is the locked version its range binds to (the newest locked one it allows, as the lockfile's
 * root bindings are), followed by the locked dependencies of each package reached. The lockfile's
 * versions are never changed: the result is the same lockfile, narrowed.
 */
public final class MemberClosure {

    private MemberClosure() {
    }

    /**
     * {@code lockfile} with only the packages {@code selected} need.
     *
     * @param selected   the manifests chosen (members, or the root's own package)
     * @param production leave out the selected manifests' dev-dependencies (and what only they need)
     */
    public static Lockfile of(Lockfile lockfile, Workspace workspace, List<Manifest> selected, boolean production) {
        Set<PackageName> membersSeen = new HashSet<>();
        Deque<Dependency> requirements = new ArrayDeque<>();
        for (Manifest m : selected) {
            membersSeen.add(m.name());
            requirements.addAll(production ? m.dependencies() : m.allDependencies());
        }
        Set<PackageId> kept = new HashSet<>();
        Deque<PackageId> reached = new ArrayDeque<>();
        while (!requirements.isEmpty()) {
            Dependency d = requirements.poll();
            // The root's own package is local as the members are: nothing of the lockfile, its dependencies are.
            Optional<Manifest> local = workspace.member(d.name()).map(Workspace.Member::manifest)
                    .or(() -> workspace.rootPackage().filter(p -> p.name().equals(d.name())));
            if (local.isPresent()) {
                if (membersSeen.add(d.name())) {
                    requirements.addAll(local.get().dependencies());
                }
                continue;
            }
            lockfile.binding(d).ifPresent(reached::add);
        }
        while (!reached.isEmpty()) {
            PackageId id = reached.poll();
            if (kept.add(id)) {
                lockfile.find(id).map(LockedPackage::dependencies).ifPresent(reached::addAll);
            }
        }
        List<LockedPackage> packages = new ArrayList<>(lockfile.packages().stream().filter(p -> kept.contains(p.id())).toList());
        List<List<PackageId>> order = lockfile.installOrder().stream()
                .map(g -> g.stream().filter(kept::contains).toList()).filter(g -> !g.isEmpty()).toList();
        return new Lockfile(lockfile.format(), lockfile.manifest(), lockfile.resolver(), lockfile.sources(), packages, order);
    }
}
