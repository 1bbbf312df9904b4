package io.cocoatly.project;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.LockedSource;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.ManifestInfo;
import io.cocoatly.lockfile.RequirementsDigest;
import io.cocoatly.lockfile.ResolverInfo;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.InstallOrder;
import io.cocoatly.solver.Resolution;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a resolution into a {@link Lockfile}: the one place that joins the solver's answer, the
 * registry's artifacts and the lockfile format.
 */
public final class LockfileFactory {

    private LockfileFactory() {
    }

    /**
     * The lockfile for {@code solved}, a resolution of {@code manifest} against {@code index}, in the
     * current format: the registry is its one source, recorded with {@code location}, and each
     * artifact URL is resolved against that location. A dependency of a package on the project
     * itself is left out of its {@code dependencies}: the project is not a package of its own lockfile.
     * A package that only the manifest's dev-dependencies lead to is marked dev, so that
     * {@code install --production} can leave it out.
     *
     * @param location where {@code index} was read, e.g. {@code file:///srv/registry/}
     * @throws IllegalArgumentException if {@code location} is not an absolute http(s) or file URL
     * @throws CocoatlyException with code {@code invalid-registry} if an artifact URL of the registry
     *     is not a valid URL, or not one the installer can fetch
     */
    public static Lockfile build(Manifest manifest, Resolution.Solved solved, PackageIndex index, URI location,
            VersionPolicy policy) {
        return build(manifest, new ManifestInfo(manifest.name(), manifest.version(), RequirementsDigest.of(manifest)),
                solved, index, location, policy);
    }

    /**
     * The lockfile for {@code solved}, a resolution of a workspace: as {@link #build(Manifest,
     * Resolution.Solved, PackageIndex, URI, VersionPolicy)}, with the members recorded in the
     * {@code manifest} section and left out of the packages (they are not registry packages: no
     * artifact, never installed), and dev marks after what the members' regular dependencies need.
     */
    public static Lockfile build(WorkspaceResolution workspace, Resolution.Solved solved, PackageIndex index,
            URI location, VersionPolicy policy) {
        java.util.Set<io.cocoatly.model.PackageName> members = workspace.memberNames();
        List<Resolution.SelectedPackage> kept = new ArrayList<>();
        for (Resolution.SelectedPackage p : solved.packages()) {
            if (!members.contains(p.id().name())) {
                kept.add(new Resolution.SelectedPackage(p.id(), p.direct(),
                        p.dependencies().stream().filter(d -> !members.contains(d.name())).toList()));
            }
        }
        Resolution.Solved registryOnly = new Resolution.Solved(kept, solved.optimal(), solved.objective(),
                solved.statistics());
        return build(workspace.requirements(), workspace.manifestInfo(), registryOnly, index, location, policy);
    }

    private static Lockfile build(Manifest manifest, ManifestInfo info, Resolution.Solved solved, PackageIndex index,
            URI location, VersionPolicy policy) {
        LockedSource source = LockedSource.of(index.name(), location);
        Set<PackageId> selected = new HashSet<>();
        solved.packages().forEach(p -> selected.add(p.id()));
        List<LockedPackage> packages = new ArrayList<>();
        for (Resolution.SelectedPackage p : solved.packages()) {
            List<PackageId> dependencies = p.dependencies().stream().filter(selected::contains).distinct().toList();
            Optional<Artifact> artifact = release(index, p.id()).flatMap(Release::artifact).map(a -> locate(source, p.id(), a));
            packages.add(new LockedPackage(p.id(), source.name(), artifact, dependencies));
        }
        Set<PackageId> production = productionClosure(manifest, packages);
        packages.replaceAll(p -> p.withDev(!production.contains(p.id())));
        List<ResolverInfo.Objective> objective = new ArrayList<>();
        List<String> levels = Resolution.OBJECTIVE_LEVELS;
        for (int i = 0; i < levels.size() && i < solved.objective().size(); i++) {
            objective.add(new ResolverInfo.Objective(levels.get(i), solved.objective().get(i)));
        }
        return Lockfile.of(info, new ResolverInfo(solved.optimal(), objective, policy),
                List.of(source), packages, InstallOrder.of(solved));
    }

    /**
     * The packages the manifest's regular dependencies need: each locked version inside a dependency's
     * range, and everything those depend on. The rest of {@code packages} only dev-dependencies need.
     */
    static Set<PackageId> productionClosure(Manifest manifest, List<LockedPackage> packages) {
        Map<PackageId, LockedPackage> byId = new HashMap<>();
        packages.forEach(p -> byId.put(p.id(), p));
        Deque<PackageId> pending = new ArrayDeque<>();
        for (Dependency d : manifest.dependencies()) {
            packages.stream().filter(p -> p.name().equals(d.name()) && d.range().contains(p.version()))
                    .forEach(p -> pending.add(p.id()));
        }
        Set<PackageId> closure = new HashSet<>();
        while (!pending.isEmpty()) {
            PackageId id = pending.pop();
            if (closure.add(id)) {
                pending.addAll(byId.get(id).dependencies());
            }
        }
        return closure;
    }

    /**
     * The registry's release of {@code id}, if it has one, read through {@link PackageIndex#find}: for
     * callers that read the package's whole listing anyway (relocking, the tree, the reasons of a
     * change), where {@link PackageIndex#release} would read a registry's index file a second time.
     */
    public static Optional<Release> release(PackageIndex index, PackageId id) {
        Optional<PackageListing> listing = index.find(id.name());
        if (listing.isEmpty()) {
            return Optional.empty();
        }
        return listing.get().releases().stream().filter(r -> r.version().equals(id.version())).findFirst();
    }

    private static Artifact locate(LockedSource source, PackageId id, Artifact artifact) {
        try {
            return source.locate(artifact);
        } catch (IllegalArgumentException e) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-registry", "`" + id + "` in registry `" + source.name() + "`: bad"
                    + " artifact URL: " + e.getMessage(), List.of("fix the artifact URL in the registry's index file"
                    + " for `" + id.name() + "`"));
        }
    }
}
