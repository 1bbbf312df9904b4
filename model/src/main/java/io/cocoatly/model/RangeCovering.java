package io.cocoatly.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Finds a readable range that picks exactly the chosen versions out of a universe, for explanations
 * ("every version of web {@code ^2.0.0}" rather than a list of twelve).
 *
 * <p>Each maximal run of consecutive chosen versions becomes one interval, so the interval count is
 * the least possible. Within the gap around a run the bounds are picked to read well: releases get
 * the roundest lower bound ({@code M.0.0}, then {@code M.m.0}) and an upper bound that makes a caret
 * or tilde range where possible, else a round one; a run with nothing unchosen beyond it is left
 * unbounded on that side. Prereleases are covered core by core (the grammar can only name prereleases
 * of given cores), taking the whole window of a core where nothing unchosen of that core is in the way.
 */
final class RangeCovering {

    private RangeCovering() {
    }

    static VersionRange cover(Collection<Version> chosen, Collection<Version> universe) {
        Set<Version> picked = new HashSet<>();
        TreeSet<Version> all = new TreeSet<>();
        for (Version v : chosen) {
            picked.add(v.withoutBuild());
            all.add(v.withoutBuild());
        }
        for (Version v : universe) {
            all.add(v.withoutBuild());
        }
        List<Version> releases = new ArrayList<>();
        List<Version> prereleases = new ArrayList<>();
        for (Version v : all) {
            (v.isPrerelease() ? prereleases : releases).add(v);
        }
        List<IntervalSet> r = new ArrayList<>();
        for (Run run : runs(releases, picked, v -> null)) {
            r.add(releaseInterval(run));
        }
        List<IntervalSet> p = new ArrayList<>();
        for (Run run : runs(prereleases, picked, Version::release)) {
            p.add(prereleaseInterval(run));
        }
        return VersionRange.fromParts(IntervalSet.unionAll(r), IntervalSet.unionAll(p));
    }

    /**
     * A maximal run {@code first..last} of chosen versions; {@code before} and {@code after} are the
     * nearest unchosen versions around it in the same group, or null.
     */
    private record Run(Version first, Version last, Version before, Version after) {
    }

    /** Runs of chosen versions in sorted {@code versions}; a run never crosses a change of group. */
    private static List<Run> runs(List<Version> versions, Set<Version> picked,
                                  Function<Version, Object> group) {
        List<Run> runs = new ArrayList<>();
        int i = 0;
        while (i < versions.size()) {
            if (!picked.contains(versions.get(i))) {
                i++;
                continue;
            }
            Object g = group.apply(versions.get(i));
            int j = i;
            while (j + 1 < versions.size() && picked.contains(versions.get(j + 1))
                    && Objects.equals(group.apply(versions.get(j + 1)), g)) {
                j++;
            }
            Version before = i > 0 && Objects.equals(group.apply(versions.get(i - 1)), g)
                    ? versions.get(i - 1) : null;
            Version after = j + 1 < versions.size() && Objects.equals(group.apply(versions.get(j + 1)), g)
                    ? versions.get(j + 1) : null;
            runs.add(new Run(versions.get(i), versions.get(j), before, after));
            i = j + 1;
        }
        return runs;
    }

    private static IntervalSet releaseInterval(Run run) {
        if (run.first().equals(run.last())) {
            return Constraint.releases(run.first(), run.first().nextRelease());
        }
        Version lo = run.first();
        for (Version candidate : List.of(Version.of(lo.major(), 0, 0), Version.of(lo.major(), lo.minor(), 0))) {
            if (run.before() == null || candidate.isHigherThan(run.before())) {
                lo = candidate;
                break;
            }
        }
        Version hi = null;
        if (run.after() != null) {
            Version last = run.last();
            List<Version> candidates = new ArrayList<>();
            candidates.add(RangeRenderer.caretUpper(lo));
            candidates.add(RangeRenderer.nextMinor(lo));
            candidates.add(last.major() == Long.MAX_VALUE ? null : Version.of(last.major() + 1, 0, 0));
            candidates.add(RangeRenderer.nextMinor(last));
            candidates.add(last.nextRelease());
            for (Version candidate : candidates) {
                if (candidate != null && candidate.isHigherThan(last) && !candidate.isHigherThan(run.after())) {
                    hi = candidate;
                    break;
                }
            }
        }
        return Constraint.releases(lo, hi);
    }

    private static IntervalSet prereleaseInterval(Run run) {
        Version core = run.first().release();
        Version lo = run.before() == null ? core.lowestPrerelease() : run.first();
        Version hi = run.after() == null ? RangeRenderer.windowEnd(core)
                : run.first().equals(run.last()) ? run.first().nextPrerelease() : run.after();
        return Constraint.prereleases(lo, hi);
    }
}
