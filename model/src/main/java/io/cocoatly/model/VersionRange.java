package io.cocoatly.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A set of {@link Version}s, usually written as a node-semver requirement such as {@code ^1.2.0} or
 * {@code >=1.0.0 <1.5.0 || >=2.0.0}.
 *
 * <p>The set is kept in one canonical form, so two ranges denoting the same versions are
 * {@link #equals equal} objects: the releases it contains and the prereleases it contains, each as a
 * sorted list of disjoint, non-touching half-open intervals (see {@code docs/versions.md}). The set
 * operations work on both parts independently. Build metadata never matters: {@code 1.0.0+a} is in a
 * range exactly when {@code 1.0.0} is.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class VersionRange {

    private static final VersionRange EMPTY = new VersionRange(IntervalSet.empty(), IntervalSet.empty());
    private static final VersionRange ALL = new VersionRange(IntervalSet.full(), IntervalSet.full());
    private static final VersionRange ANY = new VersionRange(IntervalSet.full(), IntervalSet.empty());

    /**
     * Ranges already parsed, by their text. An index repeats the same few requirements thousands of
     * times ({@code ^1.0}, {@code *}), and so do a workspace's members; a range is immutable, so one
     * parse serves them all. Bounded: a process reading more distinct texts than this starts afresh.
     */
    private static final CanonicalTable<String, VersionRange> PARSED = new CanonicalTable<>(8192);
    /**
     * One instance for each distinct range parsed: texts that differ but mean the same ({@code ^1.0},
     * {@code ^1}, {@code >=1.0.0, <2.0.0}) parse to the same object. The resolver looks ranges up in
     * maps for every dependency edge it meets, and equal ranges that are one object compare by
     * identity instead of interval by interval.
     */
    private static final CanonicalTable<VersionRange, VersionRange> CANONICAL = new CanonicalTable<>(8192);

    private final IntervalSet releases;
    private final IntervalSet prereleases;
    /**
     * The hash, computed on first use (0 until then, as {@link String} does): a resolver hashes the
     * range of every dependency edge it meets, and computing it walks every bound of every interval.
     */
    private int hash;

    private VersionRange(IntervalSet releases, IntervalSet prereleases) {
        this.releases = releases;
        this.prereleases = prereleases;
    }

    /**
     * Parses a node-semver requirement in strict mode with {@code includePrerelease=false}: a
     * prerelease is only in the range when some comparator of the matching alternative names a
     * prerelease of the same {@code MAJOR.MINOR.PATCH}. Commas between comparators are accepted as
     * Cargo writes them ({@code >=0.4, <0.6}); the empty string means {@code *}.
     *
     * @throws SyntaxException ({@code invalid-requirement}) with the position of the first problem
     */
    public static VersionRange parse(String requirement) {
        Objects.requireNonNull(requirement, "requirement");
        VersionRange known = PARSED.get(requirement);
        if (known != null) {
            return known;
        }
        VersionRange parsed = parseText(requirement);
        return PARSED.keep(requirement, CANONICAL.keep(parsed, parsed));
    }

    private static VersionRange parseText(String requirement) {
        List<List<Constraint>> alternatives = RequirementParser.parse(requirement);
        VersionRange result = EMPTY;
        for (List<Constraint> alternative : alternatives) {
            // node-semver keeps just `*` when one alternative is `*`, dropping the prereleases the
            // other alternatives would have let in; follow it rather than the plain union.
            if (alternative.isEmpty()) {
                return ANY;
            }
            result = result.union(comparatorSet(alternative));
        }
        return result;
    }

    /** One alternative: the intersection of its comparators, prereleases only of named cores. */
    private static VersionRange comparatorSet(List<Constraint> constraints) {
        IntervalSet releases = IntervalSet.full();
        IntervalSet prereleases = IntervalSet.full();
        IntervalSet windows = IntervalSet.empty();
        for (Constraint c : constraints) {
            releases = releases.intersect(c.releases());
            prereleases = prereleases.intersect(c.prereleases());
            if (c.core() != null) {
                windows = windows.union(Constraint.window(c.core()));
            }
        }
        return of(releases, prereleases.intersect(windows));
    }

    private static VersionRange of(IntervalSet releases, IntervalSet prereleases) {
        if (releases.isEmpty() && prereleases.isEmpty()) {
            return EMPTY;
        }
        return new VersionRange(releases, prereleases);
    }

    /** The range with no version in it. */
    public static VersionRange empty() {
        return EMPTY;
    }

    /** Every version, prereleases included. */
    public static VersionRange all() {
        return ALL;
    }

    /** What {@code *} means: every release and no prerelease. */
    public static VersionRange any() {
        return ANY;
    }

    /** Just {@code v}; its build metadata is ignored. */
    public static VersionRange exactly(Version v) {
        Constraint c = Constraint.of(Constraint.Op.EQ, v);
        return of(c.releases(), c.prereleases());
    }

    /**
     * Every version {@code v} with {@code lowInclusive <= v < highExclusive}, prereleases included.
     *
     * @param lowInclusive  the lowest version in the range, or null for no lower bound
     * @param highExclusive the version just above the range, or null for no upper bound
     */
    public static VersionRange between(Version lowInclusive, Version highExclusive) {
        VersionRange result = ALL;
        if (lowInclusive != null) {
            Constraint low = Constraint.of(Constraint.Op.GE, lowInclusive);
            if (low != null) {
                result = result.intersect(of(low.releases(), low.prereleases()));
            }
        }
        if (highExclusive != null) {
            Constraint high = Constraint.of(Constraint.Op.LT, highExclusive);
            result = result.intersect(of(high.releases(), high.prereleases()));
        }
        return result;
    }

    /** Exactly the given versions. */
    public static VersionRange of(Collection<Version> versions) {
        List<IntervalSet> releases = new ArrayList<>();
        List<IntervalSet> prereleases = new ArrayList<>();
        for (Version v : versions) {
            Constraint c = Constraint.of(Constraint.Op.EQ, v);
            releases.add(c.releases());
            prereleases.add(c.prereleases());
        }
        return of(IntervalSet.unionAll(releases), IntervalSet.unionAll(prereleases));
    }

    /**
     * The most readable range {@code r} with {@code r ∩ universe == chosen}: as few intervals as
     * possible, each with round or caret/tilde-shaped bounds, so explanations can say "every version
     * of web {@code ^2.0.0}" instead of listing them. Versions in {@code chosen} but not in
     * {@code universe} are treated as part of the universe.
     */
    public static VersionRange covering(Collection<Version> chosen, Collection<Version> universe) {
        return RangeCovering.cover(chosen, universe);
    }

    /** Builds a range from already-normalised parts; for the package's helpers. */
    static VersionRange fromParts(IntervalSet releases, IntervalSet prereleases) {
        return of(releases, prereleases);
    }

    IntervalSet releases() {
        return releases;
    }

    IntervalSet prereleases() {
        return prereleases;
    }

    /** Whether {@code v} (build metadata ignored) is in the range. */
    public boolean contains(Version v) {
        return v.isPrerelease() ? prereleases.contains(v) : releases.contains(v);
    }

    /**
     * Sets in {@code out} the index of every version of {@code ascending} that the range
     * {@linkplain #contains contains}. {@code ascending} must be in {@link Version#compareTo} order, as
     * a {@link PackageListing}'s releases are: each interval's versions are then one run of it, found
     * by binary search, so a resolver that matches a range against a listing of hundreds of releases
     * compares a few of them instead of every one.
     */
    public void matchesIn(List<Version> ascending, java.util.BitSet out) {
        mark(releases, false, ascending, out);
        mark(prereleases, true, ascending, out);
    }

    /** Sets the indexes of {@code set}'s versions of one domain (prereleases or releases). */
    private static void mark(IntervalSet set, boolean prerelease, List<Version> ascending, java.util.BitSet out) {
        for (IntervalSet.Interval interval : set.intervals()) {
            int from = interval.lo() == null ? 0 : firstAtLeast(ascending, interval.lo());
            int to = interval.hi() == null ? ascending.size() : firstAtLeast(ascending, interval.hi());
            for (int i = from; i < to; i++) {
                if (ascending.get(i).isPrerelease() == prerelease) {
                    out.set(i);
                }
            }
        }
    }

    /** The first index of {@code ascending} whose version is at least {@code v}; its size if none is. */
    private static int firstAtLeast(List<Version> ascending, Version v) {
        int low = 0;
        int high = ascending.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ascending.get(mid).compareTo(v) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Whether no version at all is in the range. */
    public boolean isEmpty() {
        return releases.isEmpty() && prereleases.isEmpty();
    }

    /** Whether every version, prereleases included, is in the range. */
    public boolean isAll() {
        return releases.isFull() && prereleases.isFull();
    }

    /** Whether every version of this range is in {@code other}. */
    public boolean isSubsetOf(VersionRange other) {
        return intersect(other).equals(this);
    }

    /** Whether some version is in both ranges. */
    public boolean intersects(VersionRange other) {
        return !intersect(other).isEmpty();
    }

    /** The versions in either range. */
    public VersionRange union(VersionRange other) {
        return of(releases.union(other.releases), prereleases.union(other.prereleases));
    }

    /** The versions in both ranges. */
    public VersionRange intersect(VersionRange other) {
        return of(releases.intersect(other.releases), prereleases.intersect(other.prereleases));
    }

    /** Every version not in this range, prereleases included. */
    public VersionRange complement() {
        return of(releases.complement(), prereleases.complement());
    }

    /** The versions in this range and not in {@code other}. */
    public VersionRange minus(VersionRange other) {
        return of(releases.minus(other.releases), prereleases.minus(other.prereleases));
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof VersionRange r && releases.equals(r.releases) && prereleases.equals(r.prereleases);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            // A benign race, as in String: every thread computes the same value from final fields.
            h = 31 * releases.hashCode() + prereleases.hashCode();
            hash = h;
        }
        return h;
    }

    /**
     * A compact rendering in requirement syntax, e.g. {@code ^1.2.0},
     * {@code >=1.0.0 <1.5.0 || >=2.0.0}, {@code *}, {@code 1.2.3}, or {@code <0.0.0-0} for the empty
     * range; {@code parse(toString())} equals this range whenever the grammar can express it.
     *
     * <p>The grammar cannot express prereleases of unboundedly many (or very many) release cores, as
     * in {@link #all()} or a {@link #complement()}: those parts are appended in braces, e.g.
     * {@code * || {prereleases >=1.0.0-0}}, which is readable but does not parse.
     */
    @Override
    public String toString() {
        return RangeRenderer.render(this);
    }
}
