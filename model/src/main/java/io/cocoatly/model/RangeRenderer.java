package io.cocoatly.model;

import io.cocoatly.model.IntervalSet.Interval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Renders a {@link VersionRange} in requirement syntax so that parsing the text gives the range back.
 *
 * <p>Release intervals become one alternative each ({@code 1.2.3}, {@code ^1.2.0}, {@code ~1.2.3},
 * {@code >=1.0.0 <1.5.0}). Prerelease intervals are cut at release cores, because a parsed alternative
 * only admits prereleases of the cores its comparators name; a piece that touches a release interval
 * is folded into its bound ({@code >=1.2.3-beta <2.0.0}), the rest stand alone
 * ({@code >=1.2.3-beta <1.2.3}). Prereleases spread over more than {@link #MAX_CORES} cores cannot be
 * written in the grammar and are appended in braces.
 */
final class RangeRenderer {

    /** The most release cores one prerelease interval may span and still be spelled out. */
    static final int MAX_CORES = 8;

    private RangeRenderer() {
    }

    /** A prerelease interval {@code [lo, hi)} inside the window of one release {@code core}. */
    private record Piece(Version core, Version lo, Version hi) {

        boolean reachesWindowEnd() {
            return hi == null ? windowEnd(core) == null : hi.equals(windowEnd(core));
        }

        boolean startsWindow() {
            return lo.equals(core.lowestPrerelease());
        }
    }

    /** One {@code ||}-alternative and where it starts, for ordering. */
    private record Alternative(Version start, String text) {
    }

    static String render(VersionRange range) {
        if (range.isEmpty()) {
            return "<0.0.0-0";
        }
        List<Piece> pieces = new ArrayList<>();
        List<String> unexpressible = new ArrayList<>();
        for (Interval interval : range.prereleases().intervals()) {
            if (!split(interval, pieces)) {
                unexpressible.add(interval(interval));
            }
        }
        List<Alternative> alternatives = new ArrayList<>();
        for (Interval interval : range.releases().intervals()) {
            alternatives.add(releases(interval, pieces));
        }
        for (Piece piece : pieces) {
            alternatives.add(new Alternative(piece.lo(), prereleaseOnly(piece)));
        }
        alternatives.sort(Comparator.comparing(Alternative::start));
        List<String> texts = new ArrayList<>();
        for (Alternative a : alternatives) {
            texts.add(a.text());
        }
        if (texts.size() > 1 && texts.remove("*")) {
            // Alone among others, `*` would swallow them (node-semver's rule); spell every release out.
            texts.add(0, "0.0.0 || >=0.0.1");
        }
        if (!unexpressible.isEmpty()) {
            texts.add("{prereleases " + String.join(" || ", unexpressible) + "}");
        }
        return String.join(" || ", texts);
    }

    /** Cuts a prerelease interval at release cores; false when it spans too many to write down. */
    private static boolean split(Interval interval, List<Piece> out) {
        Version start = interval.lo() == null ? Constraint.ZERO_PRERELEASE : interval.lo();
        Version hi = interval.hi();
        if (hi == null && !start.release().equals(Version.of(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE))) {
            return false;
        }
        List<Piece> pieces = new ArrayList<>();
        Version core = start.release();
        while (true) {
            Version end = windowEnd(core);
            if (end == null || hi.compareTo(end) <= 0) {
                pieces.add(new Piece(core, start, hi));
                break;
            }
            pieces.add(new Piece(core, start, end));
            if (pieces.size() >= MAX_CORES) {
                return false;
            }
            core = core.nextRelease();
            start = core.lowestPrerelease();
            if (hi.equals(start)) {
                break;
            }
        }
        out.addAll(pieces);
        return true;
    }

    private static Alternative releases(Interval interval, List<Piece> pieces) {
        Version lo = interval.lo();
        Version hi = interval.hi();
        Version low = lo == null ? Constraint.ZERO : lo;
        Piece below = take(pieces, p -> p.core().equals(low) && p.reachesWindowEnd());
        Piece above = hi == null ? null : take(pieces, p -> p.core().equals(hi) && p.startsWindow()
                && !p.reachesWindowEnd());
        String lower = below != null ? ">=" + below.lo() : lo == null ? null : ">=" + lo;
        Version start = below != null ? below.lo() : low;
        if (above != null) {
            return new Alternative(start, join(lower, upper(above.hi())));
        }
        if (lo != null || below != null) {
            Version caret = caretUpper(low);
            if (hi != null && hi.equals(low.nextRelease()) && below == null) {
                return new Alternative(start, low.toString());
            }
            if (caret != null && caret.equals(hi)) {
                return new Alternative(start, "^" + lower.substring(2));
            }
            Version tilde = nextMinor(low);
            if (tilde != null && tilde.equals(hi)) {
                return new Alternative(start, "~" + lower.substring(2));
            }
        }
        if (lower == null && hi == null) {
            return new Alternative(start, "*");
        }
        return new Alternative(start, join(lower, hi == null ? null : "<" + hi));
    }

    private static String prereleaseOnly(Piece piece) {
        if (piece.hi() != null && piece.hi().equals(piece.lo().nextPrerelease())) {
            return piece.lo().toString();
        }
        // `<core` keeps releases out (they are all >= core) while admitting the whole rest of the window.
        String upper = piece.reachesWindowEnd() ? "<" + piece.core() : upper(piece.hi());
        return ">=" + piece.lo() + " " + upper;
    }

    /** {@code <hi}, or {@code <=p} when {@code hi} is {@code p.nextPrerelease()}, which reads better. */
    private static String upper(Version hi) {
        List<String> ids = hi.prerelease();
        if (ids.size() > 1 && ids.get(ids.size() - 1).equals("0")) {
            return "<=" + hi.with(ids.subList(0, ids.size() - 1), List.of());
        }
        return "<" + hi;
    }

    private static String interval(Interval interval) {
        if (interval.lo() == null && interval.hi() == null) {
            return "*";
        }
        return join(interval.lo() == null ? null : ">=" + interval.lo(), interval.hi() == null ? null : "<" + interval.hi());
    }

    private static String join(String lower, String upper) {
        if (lower == null) {
            return upper;
        }
        return upper == null ? lower : lower + " " + upper;
    }

    private static Piece take(List<Piece> pieces, Predicate<Piece> test) {
        for (Iterator<Piece> it = pieces.iterator(); it.hasNext(); ) {
            Piece p = it.next();
            if (test.test(p)) {
                it.remove();
                return p;
            }
        }
        return null;
    }

    static Version windowEnd(Version core) {
        Version next = core.nextRelease();
        return next == null ? null : next.lowestPrerelease();
    }

    /** Where {@code ^v} ends: the next major, or for 0.x the next minor, for 0.0.x the next patch. */
    static Version caretUpper(Version v) {
        if (v.major() > 0) {
            return v.major() == Long.MAX_VALUE ? null : Version.of(v.major() + 1, 0, 0);
        }
        return v.minor() > 0 ? nextMinor(v) : v.nextRelease();
    }

    /** Where {@code ~v} ends: the next minor, carrying into the major. */
    static Version nextMinor(Version v) {
        if (v.minor() < Long.MAX_VALUE) {
            return Version.of(v.major(), v.minor() + 1, 0);
        }
        return v.major() == Long.MAX_VALUE ? null : Version.of(v.major() + 1, 0, 0);
    }
}
