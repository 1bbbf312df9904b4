package io.cocoatly.project;

import io.cocoatly.lockfile.ManifestInfo;
import io.cocoatly.lockfile.RequirementsDigest;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionRange;
import io.cocoatly.model.Workspace;
import io.cocoatly.solver.RequirementOrigin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What resolving a workspace means, written once for {@link Relock}, {@link LockfileFactory} and
 * {@link LockCheck} (docs/workspaces.md, "Resolution").
 *
 * <p>One resolution for all members together. The solver sees one root whose requirements are the
 * union of the root package's and every member's dependencies and dev-dependencies, each with the
 * members that declare it as its {@link RequirementOrigin}, so that they rank as direct dependencies
 * exactly as the same union in one project would. Each member is in addition a package with exactly
 * one version, its own, laid over the registry (a member's name shadows a registry package of that
 * name), and the root requires it at {@code =version}: a member's range on another member is then
 * satisfied by that member's version only, and a version outside the range is an ordinary conflict.
 * The member releases have no dependencies of their own, since the root already requires all of
 * theirs. When every range on a member accepts its version, the pins and those ranges are met by
 * construction, and a resolution for the lockfile is spared them ({@link #registryRoot}).
 */
public final class WorkspaceResolution {

    private final Workspace workspace;
    // Asked for by opening the project and again by each check of its lockfile; the workspace does not change.
    private Manifest requirements;
    // Asked for by a lockfile check and by writing one; computing its digest walks every member.
    private ManifestInfo manifestInfo;

    /** The resolution of {@code workspace} as read. */
    public WorkspaceResolution(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The workspace as read. */
    public Workspace workspace() {
        return workspace;
    }

    /** The members' names. */
    public Set<PackageName> memberNames() {
        return workspace.members().stream().map(Workspace.Member::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The root the solver resolves against {@code index} (the registry with the members laid over it,
     * {@link #index}): the workspace's name and version, and every requirement once (the same name and
     * requirement from several manifests is one requirement with several origins).
     *
     * <p>The solver knows its root by name, so a workspace without a package of its own must not go by
     * a name the index has: when the registry has a package named {@link Workspace#UNNAMED}, the root
     * is the first of {@code workspace-1}, {@code workspace-2}, ... that it does not have, and that
     * package can be required like any other. The name is the solver's only: the lockfile's
     * {@code manifest.name} stays {@link Workspace#UNNAMED} ({@link #manifestInfo}).
     */
    public Manifest root(PackageIndex index) {
        PackageName name = workspace.name();
        for (int i = 1; workspace.rootPackage().isEmpty() && index.find(name).isPresent(); i++) {
            name = PackageName.of(Workspace.UNNAMED.value() + "-" + i);
        }
        return new Manifest(name, workspace.version(), new ArrayList<>(origins(true).keySet()));
    }

    /**
     * The root for a resolution whose answer is the registry packages only, as {@code lock} writes
     * them: {@link #root}, but when every range on a member accepts that member's version (the usual
     * case), without the pins and those ranges. Each is met by construction, so it is no choice, and
     * in a workspace of two hundred members they were a tenth of the solver's work; the members stay
     * in {@link #index}, so a registry package depending on a member's name still finds it. The
     * registry packages chosen are the same; the members are then simply not among the selected (and
     * an explanation's fixes do not list them). Otherwise this is {@link #root}, and the member whose
     * version a range refuses is a conflict the solver explains like any other.
     */
    public Manifest registryRoot(PackageIndex index) {
        Manifest root = root(index);
        if (!membersAgree()) {
            return root;
        }
        Set<PackageName> members = memberNames();
        return new Manifest(root.name(), root.version(),
                root.dependencies().stream().filter(d -> !members.contains(d.name())).toList());
    }

    /** Whether every dependency on a member, of any manifest of the workspace, accepts that member's version. */
    private boolean membersAgree() {
        List<Manifest> manifests = new ArrayList<>();
        workspace.rootPackage().ifPresent(manifests::add);
        workspace.members().forEach(m -> manifests.add(m.manifest()));
        for (Manifest manifest : manifests) {
            for (Dependency d : manifest.allDependencies()) {
                Optional<Workspace.Member> member = workspace.member(d.name());
                if (member.isPresent() && !d.range().contains(member.get().version())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Which members declare each root requirement; the root package's own are in the map only when a member shares them. */
    public Map<Dependency, List<RequirementOrigin>> origins() {
        Map<Dependency, List<RequirementOrigin>> all = origins(true);
        all.values().removeIf(List::isEmpty);
        return all;
    }

    private Map<Dependency, List<RequirementOrigin>> origins(boolean withPins) {
        Map<Dependency, List<RequirementOrigin>> origins = new LinkedHashMap<>();
        Optional<Manifest> own = workspace.rootPackage();
        own.ifPresent(p -> p.allDependencies().forEach(d -> origins.put(d, new ArrayList<>())));
        for (Workspace.Member m : workspace.members()) {
            RequirementOrigin origin = new RequirementOrigin(m.name(), m.path());
            if (withPins) {
                origins.computeIfAbsent(pin(m), d -> new ArrayList<>()).add(origin);
            }
            for (Dependency d : m.manifest().allDependencies()) {
                List<RequirementOrigin> list = origins.get(d);
                if (list != null && list.isEmpty() && own.isPresent()) {
                    // Shared with the root package: name it too, or the text would credit the member alone.
                    list.add(new RequirementOrigin(own.get().name(), "."));
                }
                origins.computeIfAbsent(d, k -> new ArrayList<>()).add(origin);
            }
        }
        return origins;
    }

    private static Dependency pin(Workspace.Member m) {
        return new Dependency(m.name(), "=" + m.version(), VersionRange.exactly(m.version()));
    }

    /** {@code registry} with each member laid over it as a package of one version, no dependencies, no artifact. */
    public PackageIndex index(PackageIndex registry) {
        Map<PackageName, PackageListing> members = new LinkedHashMap<>();
        for (Workspace.Member m : workspace.members()) {
            members.put(m.name(), new PackageListing(m.name(), List.of(new Release(m.manifest().id(), List.of(), false,
                    Optional.empty()))));
        }
        return new PackageIndex() {
            @Override
            public String name() {
                return registry.name();
            }

            @Override
            public Optional<PackageListing> find(PackageName name) {
                PackageListing member = members.get(name);
                return member != null ? Optional.of(member) : registry.find(name);
            }

            @Override
            public Optional<Release> release(io.cocoatly.model.PackageId id) {
                // The registry's own answer, which may read that release alone (FileRegistry.release).
                return members.containsKey(id.name()) ? PackageIndex.super.release(id) : registry.release(id);
            }

            @Override
            public Optional<List<PackageName>> listNames() {
                return registry.listNames().map(names -> {
                    TreeSet<PackageName> all = new TreeSet<>(names);
                    all.addAll(members.keySet());
                    return List.copyOf(all);
                });
            }
        };
    }

    /**
     * What the workspace requires of the registry, as one manifest: the root's name and version, the
     * union of every manifest's dependencies and dev-dependencies on packages that are not members.
     * What the lockfile's packages are checked against, and what {@code install --production} keeps.
     */
    public Manifest requirements() {
        Manifest known = requirements;
        if (known == null) {
            known = collectRequirements();
            requirements = known;
        }
        return known;
    }

    private Manifest collectRequirements() {
        List<Dependency> regular = new ArrayList<>();
        List<Dependency> dev = new ArrayList<>();
        workspace.rootPackage().ifPresent(p -> {
            regular.addAll(p.dependencies());
            dev.addAll(p.devDependencies());
        });
        for (Workspace.Member m : workspace.members()) {
            regular.addAll(m.manifest().dependencies());
            dev.addAll(m.manifest().devDependencies());
        }
        Set<PackageName> members = memberNames();
        return new Manifest(workspace.name(), workspace.version(),
                regular.stream().filter(d -> !members.contains(d.name())).distinct().toList(),
                dev.stream().filter(d -> !members.contains(d.name())).distinct().toList(),
                io.cocoatly.model.ManifestMetadata.NONE);
    }

    /**
     * Checks that every manifest of the workspace names only packages {@code index} (the registry with
     * the members laid over it, {@link #index}) has, or the root's own package.
     *
     * @throws io.cocoatly.model.CocoatlyException code {@code unknown-package} as {@link KnownPackages#require}
     */
    public void requireKnownPackages(PackageIndex index) {
        Set<PackageName> local = workspace.rootPackage().map(p -> Set.of(p.name())).orElse(Set.of());
        workspace.rootPackage().ifPresent(p -> KnownPackages.require(p, index, local));
        workspace.members().forEach(m -> KnownPackages.require(m.manifest(), index, local));
    }

    /** The lockfile's {@code manifest} section for this workspace: its digest and members. */
    public ManifestInfo manifestInfo() {
        ManifestInfo known = manifestInfo;
        if (known == null) {
            known = collectManifestInfo();
            manifestInfo = known;
        }
        return known;
    }

    private ManifestInfo collectManifestInfo() {
        return new ManifestInfo(workspace.name(), workspace.version(), RequirementsDigest.of(workspace),
                workspace.members().stream().map(m -> new ManifestInfo.Member(m.name(), m.version(), m.path(),
                        Optional.of(ManifestInfo.Requirements.of(m.manifest())))).toList());
    }
}
