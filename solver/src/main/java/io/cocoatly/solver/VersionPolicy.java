package io.cocoatly.solver;

/** How many versions of one package a solution may hold. */
public enum VersionPolicy {
    /** At most one version of each package (npm-style flat, pub, uv). */
    ONE_PER_PACKAGE,
    /**
     * Cargo's rule: at most one version per compatibility class (same major for {@code >=1.0.0},
     * same minor for {@code 0.x}, same patch for {@code 0.0.x}); each dependency edge is satisfied
     * within one class.
     */
    SEMVER_MAJOR
}
