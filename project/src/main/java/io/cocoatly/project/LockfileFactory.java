package io.cocoatly.project;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.ManifestInfo;
import io.cocoatly.lockfile.RequirementsDigest;
import io.cocoatly.lockfile.ResolverInfo;
import io.cocoatly.lockfile.ResolverInfo.MultipleVersions;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.Release;
import io.cocoatly.solver.InstallOrder;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.VersionPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a resolution into a {@link Lockfile}: the one place that joins the solver's answer, the
 * registry's artifacts and the lockfile format.
 */
public final class LockfileFactory {

    /** The solver's optimisation levels, most important first, as the lockfile names them. */

    private LockfileFactory() {
    }

    /**
     * The lockfile for {@code solved}, a resolution of {@code manifest} against {@code index}.
     * A dependency of a package on the project itself is left out of its {@code dependencies}: the
     * project is not a package of its own lockfile.
     */
    public static Lockfile build(Manifest manifest, Resolution.Solved solved, PackageIndex index, VersionPolicy policy) {
        Set<PackageId> selected = new HashSet<>();
        solved.packages().forEach(p -> selected.add(p.id()));
        List<LockedPackage> packages = new ArrayList<>();
        for (Resolution.SelectedPackage p : solved.packages()) {
            List<PackageId> dependencies = p.dependencies().stream().filter(selected::contains).distinct().toList();
            packages.add(new LockedPackage(p.id(), index.name(), artifact(index, p.id()), dependencies));
        }
        List<ResolverInfo.Objective> objective = new ArrayList<>();
        List<String> levels = Resolution.OBJECTIVE_LEVELS;
        for (int i = 0; i < levels.size() && i < solved.objective().size(); i++) {
            objective.add(new ResolverInfo.Objective(levels.get(i), solved.objective().get(i)));
        }
        return new Lockfile(
                new ManifestInfo(manifest.name(), manifest.version(), RequirementsDigest.of(manifest)),
                new ResolverInfo(solved.optimal(), objective, multipleVersions(policy)),
                packages, InstallOrder.of(solved));
    }

    /** The registry's release of {@code id}, if it has one. */
    public static Optional<Release> release(PackageIndex index, PackageId id) {
        Optional<PackageListing> listing = index.find(id.name());
        if (listing.isEmpty()) {
            return Optional.empty();
        }
        return listing.get().releases().stream().filter(r -> r.version().equals(id.version())).findFirst();
    }

    private static Optional<Artifact> artifact(PackageIndex index, PackageId id) {
        return release(index, id).flatMap(Release::artifact);
    }

    public static MultipleVersions multipleVersions(VersionPolicy policy) {
        return policy == VersionPolicy.SEMVER_MAJOR ? MultipleVersions.SEMVER_MAJOR : MultipleVersions.ONE_PER_PACKAGE;
    }

    public static VersionPolicy policy(MultipleVersions multipleVersions) {
        return multipleVersions == MultipleVersions.SEMVER_MAJOR ? VersionPolicy.SEMVER_MAJOR : VersionPolicy.ONE_PER_PACKAGE;
    }

    /** How the command line spells a policy, for messages: {@code one} or {@code semver-major}. */
    public static String optionText(VersionPolicy policy) {
        return policy == VersionPolicy.SEMVER_MAJOR ? "semver-major" : "one";
    }
}
