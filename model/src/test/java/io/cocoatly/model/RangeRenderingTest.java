package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How ranges are written back: compact, conventional, and parseable to the same set. */
class RangeRenderingTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "^1.2.3 => ^1.2.3",
        ">=1.2.3 <2.0.0-0 => ^1.2.3",
        ">=1.2.3, <2 => ^1.2.3",
        "^0.2.3 => ^0.2.3",
        "^0.0.3 => 0.0.3",
        "~1.2.3 => ~1.2.3",
        "~1.2 => ~1.2.0",
        "1.x => ^1.0.0",
        "0.x => <1.0.0",
        "=1.2.3 => 1.2.3",
        "v1.2.3+build => 1.2.3",
        "1.2.3-beta => 1.2.3-beta",
        "^1.2.3-beta => ^1.2.3-beta",
        ">=1.2.3-beta <2.0.0 => ^1.2.3-beta",
        "~1.2.3-beta => ~1.2.3-beta",
        ">=1.0.0 <=2.0.0-rc.1 => >=1.0.0 <=2.0.0-rc.1",
        ">1.2.3-beta <1.2.3 => >=1.2.3-beta.0 <1.2.3",
        "<=1.2.3-beta => <=1.2.3-beta",
        ">=1.0.0 <1.5.0 || >=2.0.0 => >=1.0.0 <1.5.0 || >=2.0.0",
        "2.0.0 || 1.0.0 || 1.0.1 => >=1.0.0 <1.0.2 || 2.0.0",
        "1.2.3-alpha || 1.2.3-beta => 1.2.3-alpha || 1.2.3-beta",
        "* => *",
        "'' => *",
        ">* => <0.0.0-0",
        ">=1.2.7 <1.3.0 => ~1.2.7",
        "1.2.7 || >=1.2.9 <2.0.0 => 1.2.7 || ^1.2.9",
        "<1.2.3 => <1.2.3",
        ">1.2.3 => >=1.2.4",
        "^9223372036854775807.0.0 => >=9223372036854775807.0.0",
    })
    void rendersCompactly(String requirement, String expected) {
        VersionRange range = VersionRange.parse(requirement);
        assertEquals(expected, range.toString());
        assertEquals(range, VersionRange.parse(expected));
    }

    @Test
    void everyTableRequirementRoundTrips() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String resource : List.of("ranges.tsv", "desugar.tsv")) {
            for (String[] row : RangeTableTest.table(resource)) {
                VersionRange range = VersionRange.parse(row[0]);
                if (!VersionRange.parse(range.toString()).equals(range)) {
                    failures.add(row[0] + " rendered " + range);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void setsOutsideTheGrammarSayWhatTheyHoldButDoNotParse() {
        assertEquals("* || {prereleases *}", VersionRange.all().toString());
        assertEquals("{prereleases *}", VersionRange.any().complement().toString());
        assertEquals("<1.2.3 || >=2.0.0 || {prereleases *}", VersionRange.parse("^1.2.3").complement().toString());
        assertEquals("^1.0.0 || {prereleases >=1.0.0-0 <2.0.0-0}",
                VersionRange.between(Version.parse("1.0.0-0"), Version.parse("2.0.0-0")).toString());
        assertThrows(SyntaxException.class, () -> VersionRange.parse(VersionRange.all().toString()));
    }

    @Test
    void aReleaseWildcardNextToPrereleasesIsSpelledOut() {
        // `* || 1.2.3-beta` would parse as just `*`, so every release is written without `*`.
        VersionRange range = VersionRange.any().union(VersionRange.exactly(Version.parse("1.2.3-beta")));
        assertEquals("0.0.0 || >=0.0.1 || 1.2.3-beta", range.toString());
        assertEquals(range, VersionRange.parse(range.toString()));
    }

    @Test
    void prereleasesOverAFewCoresAreCutPerCore() {
        VersionRange range = VersionRange.between(Version.parse("1.0.0-rc.1"), Version.parse("1.0.2-beta"))
                .minus(VersionRange.parse(">=1.0.0 <1.0.2"));
        assertEquals(">=1.0.0-rc.1 <1.0.0 || >=1.0.1-0 <1.0.1 || >=1.0.2-0 <1.0.2-beta", range.toString());
        assertEquals(range, VersionRange.parse(range.toString()));
    }
}
