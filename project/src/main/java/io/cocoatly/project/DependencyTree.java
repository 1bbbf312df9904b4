package io.cocoatly.project;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tree {@code cocoatly tree} prints, built from a lockfile as data: the project at the top, or
 * with {@code invert}, one package at the top and the packages that depend on it below.
 *
 * <p>Like {@code cargo tree}, a package whose children were already shown is not expanded again but
 * marked {@link Mark#REPEATED}; a package that is its own ancestor is marked {@link Mark#CYCLE}.
 * The requirement on each edge comes from the manifest for the project's edges and from the
 * registry, when one is given, for the others: the lockfile keeps resolved versions only.
 */
public final class DependencyTree {

    /** What a node's line says about it besides its name and version. */
    public enum Mark {
        NONE, REPEATED, CYCLE, NOT_LOCKED;

        /** The JSON spelling, or null for none. */
        public String text() {
            return this == NONE ? null : name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One line of the tree.
     *
     * @param version     empty for a requirement of the manifest that the lockfile does not satisfy
     * @param requirement the parent's requirement on this package (or, inverted, this package's
     *                    requirement on its parent); empty at the top or when unknown
     * @param dev         a dev-dependency of the project, or a package that only dev-dependencies need
     *                    (locked as dev)
     */
    public record Node(PackageName name, Optional<String> version, Optional<String> requirement, Mark mark, List<Node> children,
                       boolean dev) {
        public Node {
            Objects.requireNonNull(name, "name");
            children = List.copyOf(children);
        }

        /** A node that is not dev. */
        public Node(PackageName name, Optional<String> version, Optional<String> requirement, Mark mark, List<Node> children) {
            this(name, version, requirement, mark, children, false);
        }
    }

    private final Lockfile lockfile;
    private final Manifest manifest;
    private final Optional<PackageIndex> registry;
    private final int maxDepth;
    private final Set<PackageId> expanded = new HashSet<>();
    private final Map<PackageName, Manifest> members;

    /** @param maxDepth how many levels below the top to show; {@link Integer#MAX_VALUE} for all */
    public DependencyTree(Lockfile lockfile, Manifest manifest, Optional<PackageIndex> registry, int maxDepth) {
        this(lockfile, manifest, registry, maxDepth, List.of());
    }

    /**
     * The tree of a workspace's lockfile: {@code members}' manifests by name, so that a dependency on a
     * member shows that member's own dependencies below it (members are not locked packages).
     *
     * @param manifest what the whole workspace requires ({@link WorkspaceResolution#requirements()})
     */
    public DependencyTree(Lockfile lockfile, Manifest manifest, Optional<PackageIndex> registry, int maxDepth,
            List<Manifest> members) {
        this.lockfile = lockfile;
        this.manifest = manifest;
        this.registry = registry;
        this.maxDepth = maxDepth;
        this.members = new HashMap<>();
        members.forEach(m -> this.members.put(m.name(), m));
    }

    /** The project and what it depends on, recursively. */
    public Node forward() {
        return forward(manifest);
    }

    /** A workspace member (or the root's package), {@code top}, and what it depends on, recursively. */
    public Node forward(Manifest top) {
        List<PackageId> path = new ArrayList<>(List.of(top.id()));
        return new Node(top.name(), Optional.of(top.version().toString()), Optional.empty(), Mark.NONE,
                children(top, 0, path));
    }

    /** The nodes below {@code top} at {@code depth}: regular dependencies first, then dev-dependencies, as the manifest lists them. */
    private List<Node> children(Manifest top, int depth, List<PackageId> path) {
        List<Node> children = new ArrayList<>();
        if (depth >= maxDepth) {
            return children;
        }
        List<Dependency> roots = new ArrayList<>(top.dependencies());
        roots.addAll(top.devDependencies());
        for (Dependency d : roots) {
            if (d.name().equals(top.name())) {
                continue;
            }
            boolean dev = top.devDependencies().contains(d);
            Manifest member = members.get(d.name());
            if (member != null) {
                children.add(member(member, d, dev, depth + 1, path));
                continue;
            }
            Optional<PackageId> bound = lockfile.binding(d);
            if (bound.isEmpty()) {
                children.add(new Node(d.name(), Optional.empty(), Optional.of(d.requirement()), Mark.NOT_LOCKED,
                        List.of(), dev));
            } else {
                Node child = down(bound.get(), Optional.of(d.requirement()), depth + 1, new ArrayList<>());
                children.add(new Node(child.name(), child.version(), child.requirement(), child.mark(), child.children(),
                        child.dev() || dev));
            }
        }
        return children;
    }

    /** A member another member depends on, with the member's own dependencies below it. */
    private Node member(Manifest member, Dependency d, boolean dev, int depth, List<PackageId> path) {
        PackageId id = member.id();
        Mark mark = mark(id, path, !member.allDependencies().isEmpty());
        List<Node> below = List.of();
        if (mark == Mark.NONE) {
            expanded.add(id);
            path.add(id);
            below = children(member, depth, path);
            path.remove(path.size() - 1);
        }
        return new Node(id.name(), Optional.of(id.version().toString()), Optional.of(d.requirement()), mark, below, dev);
    }

    /** One tree per locked version of {@code target}, each showing who depends on it. */
    public List<Node> inverted(List<PackageId> targets) {
        List<Node> trees = new ArrayList<>();
        for (PackageId target : targets) {
            trees.add(up(target, Optional.empty(), 0, new ArrayList<>()));
        }
        return trees;
    }

    private Node down(PackageId id, Optional<String> requirement, int depth, List<PackageId> path) {
        LockedPackage p = lockfile.find(id).orElseThrow();
        Mark mark = mark(id, path, !p.dependencies().isEmpty());
        List<Node> children = new ArrayList<>();
        if (mark == Mark.NONE && depth < maxDepth) {
            expanded.add(id);
            path.add(id);
            for (PackageId q : p.dependencies()) {
                children.add(down(q, requirementOf(id, q.name()), depth + 1, path));
            }
            path.remove(path.size() - 1);
        }
        return node(id, requirement, mark, children);
    }

    private Node up(PackageId id, Optional<String> requirement, int depth, List<PackageId> path) {
        List<LockedPackage> dependents = lockfile.packages().stream().filter(p -> p.dependencies().contains(id)).toList();
        Optional<Dependency> fromRoot = manifest.allDependencies().stream()
                .filter(d -> d.name().equals(id.name()) && lockfile.binding(d).equals(Optional.of(id))).findFirst();
        Mark mark = mark(id, path, !dependents.isEmpty() || fromRoot.isPresent());
        List<Node> children = new ArrayList<>();
        if (mark == Mark.NONE && depth < maxDepth) {
            expanded.add(id);
            path.add(id);
            List<Node> below = new ArrayList<>();
            fromRoot.ifPresent(d -> below.add(new Node(manifest.name(), Optional.of(manifest.version().toString()),
                    Optional.of(d.requirement()), Mark.NONE, List.of(), manifest.devDependencies().contains(d))));
            for (LockedPackage p : dependents) {
                below.add(up(p.id(), requirementOf(p.id(), id.name()), depth + 1, path));
            }
            below.sort(Comparator.comparing(Node::name));
            children.addAll(below);
            path.remove(path.size() - 1);
        }
        return node(id, requirement, mark, children);
    }

    private Mark mark(PackageId id, List<PackageId> path, boolean hasChildren) {
        if (path.contains(id)) {
            return Mark.CYCLE;
        }
        return expanded.contains(id) && hasChildren ? Mark.REPEATED : Mark.NONE;
    }

    private Node node(PackageId id, Optional<String> requirement, Mark mark, List<Node> children) {
        boolean dev = lockfile.find(id).map(LockedPackage::dev).orElse(false);
        return new Node(id.name(), Optional.of(id.version().toString()), requirement, mark, children, dev);
    }

    /** The locked version the project's requirement {@code d} resolved to: the newest that fits. */

    private Optional<String> requirementOf(PackageId from, PackageName to) {
        return registry.flatMap(r -> LockfileFactory.release(r, from)).flatMap(r -> r.dependencies().stream()
                .filter(d -> d.name().equals(to)).map(Dependency::requirement).findFirst());
    }
}
