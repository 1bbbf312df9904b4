package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data-driven tables under {@code src/test/resources}: {@code ranges.tsv} (requirement, version,
 * answer), {@code desugar.tsv} (requirement, node-semver's desugared form), {@code subset.tsv} and
 * {@code intersects.tsv} (two requirements, answer). Tab-separated, {@code #} starts a comment line.
 */
class RangeTableTest {

    static List<String[]> table(String resource) throws IOException {
        try (InputStream in = RangeTableTest.class.getResourceAsStream("/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        }
    }

    static Stream<Arguments> ranges() throws IOException {
        return table("ranges.tsv").stream().map(r -> {
            assertEquals(3, r.length, String.join("|", r));
            return Arguments.of(r[0], r[1], Boolean.parseBoolean(r[2]));
        });
    }

    static Stream<Arguments> desugarings() throws IOException {
        return table("desugar.tsv").stream().map(r -> Arguments.of(r[0], r[1]));
    }

    static Stream<Arguments> subsets() throws IOException {
        return table("subset.tsv").stream().map(r -> Arguments.of(r[0], r[1], Boolean.parseBoolean(r[2])));
    }

    static Stream<Arguments> intersections() throws IOException {
        return table("intersects.tsv").stream().map(r -> Arguments.of(r[0], r[1], Boolean.parseBoolean(r[2])));
    }

    @ParameterizedTest(name = "[{index}] `{0}` within `{1}`: {2}")
    @MethodSource("subsets")
    void subsetAsNodeSemverSays(String sub, String sup, boolean expected) {
        VersionRange a = VersionRange.parse(sub);
        VersionRange b = VersionRange.parse(sup);
        assertEquals(expected, a.isSubsetOf(b), a + " within " + b);
        assertEquals(expected, a.minus(b).isEmpty());
    }

    @ParameterizedTest(name = "[{index}] `{0}` meets `{1}`: {2}")
    @MethodSource("intersections")
    void intersectsAsNodeSemverSays(String first, String second, boolean expected) {
        VersionRange a = VersionRange.parse(first);
        VersionRange b = VersionRange.parse(second);
        assertEquals(expected, a.intersects(b), a + " meets " + b);
        assertEquals(expected, b.intersects(a));
    }

    @Test
    void tablesAreLargeEnoughToMeanSomething() throws IOException {
        List<String[]> rows = table("ranges.tsv");
        assertTrue(rows.size() >= 500, "rows: " + rows.size());
        assertTrue(rows.stream().filter(r -> r[2].equals("true")).count() >= 200);
        assertTrue(rows.stream().filter(r -> r[2].equals("false")).count() >= 200);
    }

    @ParameterizedTest(name = "[{index}] `{0}` {1} {2}")
    @MethodSource("ranges")
    void rangeContainsVersionAsNodeSemverSays(String requirement, String version, boolean expected) {
        VersionRange range = VersionRange.parse(requirement);
        assertEquals(expected, range.contains(Version.parse(version)),
                "`" + requirement + "` contains " + version + "; parsed as " + range);
    }

    @ParameterizedTest(name = "[{index}] `{0}` = `{1}`")
    @MethodSource("desugarings")
    void requirementMeansWhatNodeSemverDesugarsItTo(String requirement, String desugared) {
        String[] row = {requirement, desugared};
        VersionRange range = VersionRange.parse(row[0]);
        NodeReference reference = new NodeReference(row[1]);
        for (Version v : probes(reference)) {
            assertEquals(reference.satisfies(v), range.contains(v),
                    "`" + row[0] + "` (`" + row[1] + "`) contains " + v + "; parsed as " + range);
        }
        // Where node-semver's own desugared text is plain comparators it must parse to the same set.
        assertEquals(VersionRange.parse(row[1]), range);
    }

    /** Versions at, around and between the bounds, plus a fixed spread of ordinary ones. */
    private static Set<Version> probes(NodeReference reference) {
        Set<Version> probes = new LinkedHashSet<>();
        for (String v : List.of("0.0.0", "0.0.0-0", "0.0.0-beta", "0.0.1", "0.1.0", "1.0.0", "1.2.3-beta",
                "1.2.3", "2.0.0-rc.1", "2.0.0", "3.4.5", "9223372036854775807.9223372036854775807.9223372036854775807")) {
            probes.add(Version.parse(v));
        }
        for (Version b : reference.bounds()) {
            Version core = b.release();
            probes.add(b);
            probes.add(core);
            probes.add(core.lowestPrerelease());
            probes.add(Version.parse(core + "-alpha"));
            probes.add(Version.parse(core + "-zzz"));
            if (b.isPrerelease()) {
                probes.add(b.nextPrerelease());
            }
            for (Version next = core.nextRelease(); next != null && probes.add(next); next = null) {
                probes.add(next.lowestPrerelease());
                probes.add(Version.parse(next + "-rc.1"));
            }
            if (core.patch() > 0) {
                probes.add(Version.of(core.major(), core.minor(), core.patch() - 1));
            }
            if (core.minor() < Long.MAX_VALUE) {
                probes.add(Version.of(core.major(), core.minor() + 1, 0));
            }
            if (core.major() < Long.MAX_VALUE) {
                probes.add(Version.of(core.major() + 1, 0, 0));
                probes.add(Version.parse((core.major() + 1) + ".0.0-beta"));
            }
        }
        return probes;
    }
}
