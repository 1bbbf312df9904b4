package io.cocoatly.model;

/**
 * One desugared node-semver comparator ({@code >=1.2.3}, {@code <2.0.0-0}, {@code =1.0.0-rc.1}) as its
 * effect on the two domains of {@link VersionRange}: the releases it admits, the prereleases it admits
 * by plain ordering, and the release core whose prereleases it unlocks (null when the comparator's
 * version is a release).
 *
 * <p>Bounds are normalised here so that {@link IntervalSet}s stay canonical:
 * <ul>
 *   <li>releases: a prerelease {@code p} of core {@code c} orders against releases exactly like
 *       {@code c} (a release {@code r < p} iff {@code r < c}); {@code > r} is {@code >= r.nextRelease()}.
 *   <li>prereleases: {@code > p} is {@code >= p.nextPrerelease()}; {@code <= p} is
 *       {@code < p.nextPrerelease()}; a release bound {@code r} becomes {@code r.nextRelease()-0} since no
 *       prerelease lies between {@code r} and that.
 * </ul>
 */
record Constraint(IntervalSet releases, IntervalSet prereleases, Version core) {

    /** The comparison operators left after desugaring. */
    enum Op {
        EQ, GT, GE, LT, LE
    }

    static final Version ZERO = Version.of(0, 0, 0);
    static final Version ZERO_PRERELEASE = ZERO.lowestPrerelease();

    /**
     * The comparator {@code op v}, or null when it constrains nothing: node-semver rewrites
     * {@code >=0.0.0} to {@code *}, which also stops it from shutting out prereleases of 0.0.0.
     */
    static Constraint of(Op op, Version version) {
        Version v = version.withoutBuild();
        if (op == Op.GE && v.equals(ZERO)) {
            return null;
        }
        boolean pre = v.isPrerelease();
        Version core = v.release();
        Version next = core.nextRelease();
        Version nextWindow = next == null ? null : next.lowestPrerelease();
        IntervalSet releases;
        IntervalSet prereleases;
        switch (op) {
            case EQ -> {
                releases = pre ? IntervalSet.empty() : releases(v, next);
                prereleases = pre ? prereleases(v, v.nextPrerelease()) : IntervalSet.empty();
            }
            case GE -> {
                releases = releasesFrom(core);
                prereleases = pre ? prereleases(v, null) : prereleasesFrom(nextWindow);
            }
            case GT -> {
                releases = pre ? releasesFrom(core) : releasesFrom(next);
                prereleases = pre ? prereleases(v.nextPrerelease(), null) : prereleasesFrom(nextWindow);
            }
            case LT -> {
                releases = releases(null, core);
                prereleases = pre ? prereleases(null, v) : prereleases(null, nextWindow);
            }
            case LE -> {
                releases = pre ? releases(null, core) : releases(null, next);
                prereleases = pre ? prereleases(null, v.nextPrerelease()) : prereleases(null, nextWindow);
            }
            default -> throw new AssertionError(op);
        }
        return new Constraint(releases, prereleases, pre ? core : null);
    }

    /**
     * {@code < v-0}, the exclusive upper bound desugaring produces, or null (no constraint) when
     * {@code v} is null because the bound overflowed past the largest version.
     */
    static Constraint below(Version v) {
        return v == null ? null : of(Op.LT, v.lowestPrerelease());
    }

    /** {@code >= v}, or a constraint that admits nothing when {@code v} is null (past the largest version). */
    static Constraint atLeast(Version v) {
        return v == null ? new Constraint(IntervalSet.empty(), IntervalSet.empty(), null) : of(Op.GE, v);
    }

    /** Every prerelease of {@code core}: {@code [core-0, core.nextRelease()-0)}. */
    static IntervalSet window(Version core) {
        Version next = core.nextRelease();
        return prereleases(core.lowestPrerelease(), next == null ? null : next.lowestPrerelease());
    }

    /** Releases {@code [lo, hi)}, both releases or null. */
    static IntervalSet releases(Version lo, Version hi) {
        if (hi != null && hi.equals(ZERO)) {
            return IntervalSet.empty();
        }
        return IntervalSet.of(lo == null || lo.equals(ZERO) ? null : lo.release(), hi == null ? null : hi.release());
    }

    /** Prereleases {@code [lo, hi)}, both prereleases or null. */
    static IntervalSet prereleases(Version lo, Version hi) {
        if (hi != null && hi.equals(ZERO_PRERELEASE)) {
            return IntervalSet.empty();
        }
        return IntervalSet.of(lo == null || lo.equals(ZERO_PRERELEASE) ? null : lo.withoutBuild(),
                hi == null ? null : hi.withoutBuild());
    }

    private static IntervalSet releasesFrom(Version lo) {
        return lo == null ? IntervalSet.empty() : releases(lo, null);
    }

    private static IntervalSet prereleasesFrom(Version lo) {
        return lo == null ? IntervalSet.empty() : prereleases(lo, null);
    }
}
