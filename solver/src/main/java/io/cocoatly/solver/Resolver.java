package io.cocoatly.solver;

import io.cocoatly.model.PackageIndex;
import io.cocoatly.solver.internal.Resolve;

/** Resolves root requirements against a package index to a proven-optimal selection. */
public final class Resolver {

    private final PackageIndex index;

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
        return Resolve.run(index, request);
    }
}
