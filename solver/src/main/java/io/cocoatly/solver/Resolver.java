package io.cocoatly.solver;

import io.cocoatly.model.PackageIndex;

/** Resolves root requirements against a package index to a proven-optimal selection. */
public final class Resolver {

    private final PackageIndex index;

    public Resolver(PackageIndex index) {
        this.index = index;
    }

    /**
     * Resolves the request.
     *
     * @throws io.cocoatly.model.CocoatlyException if the index cannot be read
     */
    public Resolution resolve(ResolveRequest request) {
        throw new UnsupportedOperationException("not yet implemented" + index);
    }
}
