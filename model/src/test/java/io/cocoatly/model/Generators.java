package io.cocoatly.model;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of versions, requirements and ranges, shared with other modules through the model
 * test-jar.
 *
 * <p>Numbers stay small ({@code 0..3}) and prerelease identifiers come from a short list, so random
 * ranges overlap often and every bound a generated range can have is a member of
 * {@link #sampleVersions()}: two generated ranges are equal exactly when they agree on that sample.
 */
public final class Generators {

    /** Prerelease identifiers the generators use, in precedence order. */
    public static final List<String> PRERELEASES = List.of("0", "1", "alpha", "alpha.1", "beta", "beta.2", "rc.1");

    private static final int MAX_COMPONENT = 3;

    private Generators() {
    }

    /** Releases and prereleases with components in {@code 0..3}; about one in four is a prerelease. */
    public static Arbitrary<Version> versions() {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, MAX_COMPONENT);
        Arbitrary<String> pre = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of(PRERELEASES)));
        return Combinators.combine(n, n, n, pre).as((a, b, c, p) -> Version.parse(a + "." + b + "." + c
                + (p.isEmpty() ? "" : "-" + p)));
    }

    /** Release versions only. */
    public static Arbitrary<Version> releases() {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, MAX_COMPONENT);
        return Combinators.combine(n, n, n).as((a, b, c) -> Version.of(a, b, c));
    }

    /** Versions with components anywhere in {@code 0..Long.MAX_VALUE}, edges favoured. */
    public static Arbitrary<Version> anyVersions() {
        Arbitrary<Long> n = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Combinators.combine(n, n, n).as(Version::of);
    }

    /** One requirement comparator: an operator or none, then a full or partial version. */
    public static Arbitrary<String> comparators() {
        Arbitrary<String> op = Arbitraries.of("", "=", "^", "~", ">", ">=", "<", "<=");
        Arbitrary<String> part = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, MAX_COMPONENT).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("x", "*")));
        Arbitrary<Integer> parts = Arbitraries.frequency(
                Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(4, 3));
        Arbitrary<String> pre = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of(PRERELEASES).map(p -> "-" + p)));
        return Combinators.combine(op, part.list().ofSize(3), parts, pre).as((o, ps, k, p) -> {
            StringBuilder s = new StringBuilder(o).append(String.join(".", ps.subList(0, k)));
            if (k == 3 && ps.stream().noneMatch(x -> x.equals("x") || x.equals("*"))) {
                s.append(p);
            }
            return s.toString();
        });
    }

    /** Requirements: one to three alternatives of one to three comparators, or a hyphen range. */
    public static Arbitrary<String> requirements() {
        Arbitrary<String> set = comparators().list().ofMinSize(1).ofMaxSize(3).map(cs -> String.join(" ", cs));
        Arbitrary<String> hyphen = Combinators.combine(releases(), releases(), Arbitraries.of(PRERELEASES))
                .as((a, b, p) -> a + "-" + p + " - " + b);
        Arbitrary<String> alternative = Arbitraries.frequencyOf(
                Tuple.of(6, set), Tuple.of(1, hyphen));
        return alternative.list().ofMinSize(1).ofMaxSize(3).map(as -> String.join(" || ", as));
    }

    /** Ranges parsed from {@link #requirements()}. */
    public static Arbitrary<VersionRange> parsedRanges() {
        return requirements().map(VersionRange::parse);
    }

    /**
     * Ranges of every shape: parsed ones, combinations by union, intersection and complement, and
     * the special ranges, so set operations meet ranges the grammar cannot write.
     */
    public static Arbitrary<VersionRange> ranges() {
        Arbitrary<VersionRange> parsed = parsedRanges();
        Arbitrary<VersionRange> combined = Combinators.combine(parsed, parsed, Arbitraries.integers().between(0, 3))
                .as((a, b, how) -> switch (how) {
                    case 0 -> a.union(b);
                    case 1 -> a.intersect(b);
                    case 2 -> a.complement();
                    default -> a.minus(b);
                });
        Arbitrary<VersionRange> special = Arbitraries.of(VersionRange.empty(), VersionRange.all(), VersionRange.any());
        Arbitrary<VersionRange> exact = versions().list().ofMaxSize(4).map(VersionRange::of);
        return Arbitraries.frequencyOf(
                Tuple.of(5, parsed), Tuple.of(4, combined),
                Tuple.of(1, special), Tuple.of(1, exact));
    }

    /**
     * Every version that can tell two generated ranges apart: all cores with components {@code 0..5},
     * and for each its releases, {@code -0}, each identifier of {@link #PRERELEASES} and that
     * identifier's immediate successor ({@code .0} appended).
     */
    public static List<Version> sampleVersions() {
        List<Version> sample = new ArrayList<>();
        for (int a = 0; a <= MAX_COMPONENT + 2; a++) {
            for (int b = 0; b <= MAX_COMPONENT + 2; b++) {
                for (int c = 0; c <= MAX_COMPONENT + 2; c++) {
                    Version core = Version.of(a, b, c);
                    sample.add(core);
                    for (String p : PRERELEASES) {
                        Version pre = Version.parse(core + "-" + p);
                        sample.add(pre);
                        sample.add(pre.nextPrerelease());
                    }
                }
            }
        }
        return List.copyOf(sample);
    }
}
