package io.cocoatly.solver;

import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.internal.Check;
import io.cocoatly.solver.internal.Matches;
import io.cocoatly.solver.internal.Resolve;
import java.util.Collection;

/** Resolves root requirements against a package index to a proven-optimal selection. */
public final class Resolver {

    private final PackageIndex index;
    /** Range matches reused across this resolver's resolutions; see {@link Matches}. */
    private final Matches matches = new Matches();

    public Resolver(PackageIndex index) {
        this.index = index;
    }

    /**
     * Resolves the request.
     *
     * <p>The same request and index data give the same answer on every run and machine, whatever the
     * order of packages and versions in the registry files.
     *
     * @throws ResolutionTimeoutException if the request's timeout passed before any selection was found
     * @throws io.cocoatly.model.CocoatlyException if the index cannot be read
     */
    public Resolution resolve(ResolveRequest request) {
        return Resolve.run(index, request, matches);
    }

    /**
     * Explains {@code solved}, the answer to {@code request}: the requirement paths to each selected
     * version and why a newer one was not taken, each why-not verified by re-solving with the newer
     * version forced (one extra resolution per version that is not the newest).
     *
     * @throws io.cocoatly.model.CocoatlyException if the index cannot be read
     */
    public SelectionExplanation explain(ResolveRequest request, Resolution.Solved solved) {
        return io.cocoatly.solver.internal.SelectionReasons.explain(index, request, solved, true, matches);
    }

    /** As {@link #explain}, paths only: no why-not, so no re-solving. */
    public SelectionExplanation paths(ResolveRequest request, Resolution.Solved solved) {
        return io.cocoatly.solver.internal.SelectionReasons.explain(index, request, solved, false, matches);
    }

    /**
     * Checks every version of {@code packages}, yanked ones included, in the style of dose-distcheck:
     * a version is installable iff resolving a project that depends on exactly that version succeeds
     * under {@code policy}. A yanked version is checked as if pinned, but never satisfies another
     * package's dependency. Packages the index does not have are skipped.
     *
     * @throws io.cocoatly.model.CocoatlyException if the index cannot be read
     */
    public CheckReport check(Collection<PackageName> packages, VersionPolicy policy) {
        return check(packages, policy, true);
    }

    /**
     * As {@link #check(Collection, VersionPolicy)}, with the reasons only when {@code reasons} is true.
     * The verdicts are the same either way; without reasons every {@link VersionCheck#reason()} is
     * empty, and no uninstallable version is resolved once more to name its conflict, which is most of
     * a check's time when many versions cannot be installed.
     *
     * @throws io.cocoatly.model.CocoatlyException if the index cannot be read
     */
    public CheckReport check(Collection<PackageName> packages, VersionPolicy policy, boolean reasons) {
        return Check.run(index, packages, policy, reasons, matches);
    }
}
