package io.cocoatly.installer;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an uninstall will remove, computed from the state before anything changes: how
 * {@link LocalInstaller} decides, and what {@code uninstall --dry-run} shows.
 *
 * @param removed    the installed versions of the names asked for, sorted
 * @param orphans    packages only the removed ones needed, removed with them, sorted
 * @param dependents installed packages that stay and depend on a removed one (only with {@code force})
 * @param state      the state after the uninstall
 */
public record UninstallPlan(List<StatePackage> removed, List<StatePackage> orphans, List<PackageId> dependents,
                            State state) {

    public UninstallPlan {
        removed = removed.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        orphans = orphans.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        dependents = dependents.stream().sorted().distinct().toList();
    }

    /** Every package that goes, asked for or orphaned, sorted. */
    public List<StatePackage> gone() {
        List<StatePackage> all = new ArrayList<>(removed);
        all.addAll(orphans);
        return all.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /**
     * The plan for {@code request} on {@code state}.
     *
     * @throws CocoatlyException {@code not-installed} for a name with no installed version,
     *     {@code has-dependents} (naming who needs what) when a package that stays needs a removed
     *     one and the request does not force
     */
    public static UninstallPlan of(State state, UninstallRequest request) {
        List<StatePackage> removed = installed(state, request.names());
        Set<PackageId> goneIds = new HashSet<>();
        removed.forEach(p -> goneIds.add(p.id()));
        List<StatePackage> orphans = request.requested().map(r -> orphans(state, goneIds, r)).orElse(List.of());
        orphans.forEach(p -> goneIds.add(p.id()));
        List<PackageId> dependents = new ArrayList<>();
        Set<String> needed = new TreeSet<>();
        for (StatePackage p : state.packages()) {
            if (goneIds.contains(p.id())) {
                continue;
            }
            for (PackageId d : p.dependencies()) {
                if (goneIds.contains(d)) {
                    dependents.add(p.id());
                    needed.add("`" + p.id() + "` needs `" + d + "`");
                }
            }
        }
        if (!dependents.isEmpty() && !request.force()) {
            throw new CocoatlyException(ErrorKind.FAILED, "has-dependents", "cannot uninstall: other installed packages depend on it: "
                    + String.join(", ", needed), List.of("uninstall those packages too, or pass `--force` to remove it"
                    + " anyway"));
        }
        State next = state;
        for (PackageId id : goneIds) {
            next = next.without(id);
        }
        return new UninstallPlan(removed, orphans, dependents, next);
    }

    /**
     * Every installed version of {@code names}, by name.
     *
     * @throws CocoatlyException {@code not-installed} for a name with no installed version
     */
    static List<StatePackage> installed(State state, Collection<PackageName> names) {
        List<StatePackage> found = new ArrayList<>();
        for (PackageName name : new TreeSet<>(names)) {
            List<StatePackage> versions = state.find(name);
            if (versions.isEmpty()) {
                throw new CocoatlyException(ErrorKind.FAILED, "not-installed", "`" + name + "` is not installed",
                        List.of("`cocoatly list` shows what is installed"));
            }
            found.addAll(versions);
        }
        return found;
    }

    // Only what the removed packages reach is a candidate: a package installed some other way (an
    // older home without global.json, say) is never swept up by an unrelated uninstall. A candidate
    // stays when a package that stays reaches it, or when it was requested itself.
    private static List<StatePackage> orphans(State state, Set<PackageId> gone, Set<PackageName> requested) {
        Set<PackageId> candidates = reach(state, gone);
        candidates.removeAll(gone);
        Set<PackageId> seeds = new HashSet<>();
        for (StatePackage p : state.packages()) {
            boolean stays = !gone.contains(p.id()) && !candidates.contains(p.id());
            if (stays || (candidates.contains(p.id()) && requested.contains(p.name()))) {
                seeds.add(p.id());
            }
        }
        Set<PackageId> kept = reach(state, seeds);
        return state.packages().stream().filter(p -> candidates.contains(p.id()) && !kept.contains(p.id())).toList();
    }

    // The installed packages reachable from `from` through recorded dependencies, `from` included.
    private static Set<PackageId> reach(State state, Set<PackageId> from) {
        Set<PackageId> seen = new HashSet<>(from);
        Deque<PackageId> todo = new ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            state.find(todo.pop()).ifPresent(p -> p.dependencies().forEach(d -> {
                if (state.find(d).isPresent() && seen.add(d)) {
                    todo.push(d);
                }
            }));
        }
        return seen;
    }
}
