package io.cocoatly.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of versions of one domain (releases only, or prereleases only) as a sorted list of disjoint,
 * non-touching half-open intervals {@code [lo, hi)}; a null {@code lo} is unbounded below, a null
 * {@code hi} unbounded above.
 *
 * <p>The owner ({@link VersionRange}) normalises bounds before they get here so that, within a
 * domain, two intervals with different bounds never denote the same set: release bounds are
 * releases, prerelease bounds are prereleases, and the domain's lowest version is written as null.
 * With that, merging touching intervals and dropping empty ones makes equal sets equal objects.
 */
final class IntervalSet {

    /** One interval {@code [lo, hi)}; {@code lo < hi} when both are set. */
    record Interval(Version lo, Version hi) {

        boolean contains(Version v) {
            return (lo == null || lo.compareTo(v) <= 0) && (hi == null || v.compareTo(hi) < 0);
        }

        // Written out as in PackageName (no ObjectMethods bootstrap at start-up), with the record's own hash.
        @Override
        public boolean equals(Object o) {
            return o instanceof Interval i && Objects.equals(lo, i.lo) && Objects.equals(hi, i.hi);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(lo) * 31 + Objects.hashCode(hi);
        }
    }

    private static final IntervalSet EMPTY = new IntervalSet(List.of());
    private static final IntervalSet FULL = new IntervalSet(List.of(new Interval(null, null)));

    private final List<Interval> intervals;

    private IntervalSet(List<Interval> intervals) {
        this.intervals = List.copyOf(intervals);
    }

    static IntervalSet empty() {
        return EMPTY;
    }

    static IntervalSet full() {
        return FULL;
    }

    /** {@code [lo, hi)}, empty when {@code lo >= hi}; bounds must already be normalised. */
    static IntervalSet of(Version lo, Version hi) {
        if (lo != null && hi != null && lo.compareTo(hi) >= 0) {
            return EMPTY;
        }
        if (lo == null && hi == null) {
            return FULL;
        }
        return new IntervalSet(List.of(new Interval(lo, hi)));
    }

    List<Interval> intervals() {
        return intervals;
    }

    boolean isEmpty() {
        return intervals.isEmpty();
    }

    boolean isFull() {
        return equals(FULL);
    }

    boolean contains(Version v) {
        // Binary search on the lower bounds: the candidate is the last interval starting at or below v.
        int low = 0;
        int high = intervals.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Version lo = intervals.get(mid).lo();
            if (lo == null || lo.compareTo(v) <= 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return high >= 0 && intervals.get(high).contains(v);
    }

    IntervalSet union(IntervalSet other) {
        if (other.isEmpty() || this == other) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<Interval> all = new ArrayList<>(intervals.size() + other.intervals.size());
        all.addAll(intervals);
        all.addAll(other.intervals);
        return merge(all);
    }

    /** The union of many sets in one sort-and-sweep, rather than one {@link #union} per set. */
    static IntervalSet unionAll(List<IntervalSet> sets) {
        List<Interval> all = new ArrayList<>();
        for (IntervalSet set : sets) {
            all.addAll(set.intervals);
        }
        return all.isEmpty() ? EMPTY : merge(all);
    }

    private static IntervalSet merge(List<Interval> all) {
        all.sort((a, b) -> compareLow(a.lo(), b.lo()));
        List<Interval> merged = new ArrayList<>();
        Interval current = all.get(0);
        for (int i = 1; i < all.size(); i++) {
            Interval next = all.get(i);
            // Half-open intervals that touch ([a, b) and [b, c)) merge, which keeps the form canonical.
            if (current.hi() == null || next.lo() == null || next.lo().compareTo(current.hi()) <= 0) {
                current = new Interval(current.lo(), maxHigh(current.hi(), next.hi()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return new IntervalSet(merged);
    }

    IntervalSet intersect(IntervalSet other) {
        if (isEmpty() || other.isFull() || this == other) {
            return this;
        }
        if (other.isEmpty() || isFull()) {
            return other;
        }
        List<Interval> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < intervals.size() && j < other.intervals.size()) {
            Interval a = intervals.get(i);
            Interval b = other.intervals.get(j);
            Version lo = compareLow(a.lo(), b.lo()) >= 0 ? a.lo() : b.lo();
            Version hi = compareHigh(a.hi(), b.hi()) <= 0 ? a.hi() : b.hi();
            if (lo == null || hi == null || lo.compareTo(hi) < 0) {
                result.add(new Interval(lo, hi));
            }
            if (compareHigh(a.hi(), b.hi()) <= 0) {
                i++;
            } else {
                j++;
            }
        }
        return result.isEmpty() ? EMPTY : new IntervalSet(result);
    }

    IntervalSet complement() {
        if (isEmpty()) {
            return FULL;
        }
        List<Interval> result = new ArrayList<>();
        Version previousHigh = null;
        boolean first = true;
        for (Interval interval : intervals) {
            if (!(first && interval.lo() == null)) {
                result.add(new Interval(first ? null : previousHigh, interval.lo()));
            }
            first = false;
            previousHigh = interval.hi();
            if (previousHigh == null) {
                return result.isEmpty() ? EMPTY : new IntervalSet(result);
            }
        }
        result.add(new Interval(previousHigh, null));
        return new IntervalSet(result);
    }

    IntervalSet minus(IntervalSet other) {
        return intersect(other.complement());
    }

    /** Lower bounds: null (unbounded) sorts first. */
    private static int compareLow(Version a, Version b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** Upper bounds: null (unbounded) sorts last. */
    private static int compareHigh(Version a, Version b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? 1 : -1;
        }
        return a.compareTo(b);
    }

    private static Version maxHigh(Version a, Version b) {
        return compareHigh(a, b) >= 0 ? a : b;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof IntervalSet s && intervals.equals(s.intervals);
    }

    @Override
    public int hashCode() {
        return Objects.hash(intervals);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Interval i : intervals) {
            parts.add("[" + (i.lo() == null ? "-inf" : i.lo()) + ", " + (i.hi() == null ? "+inf" : i.hi()) + ")");
        }
        return parts.isEmpty() ? "{}" : String.join(" ∪ ", parts);
    }
}
