package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every requirement form, checked against versions on both sides of each bound. */
class VersionRangeTest {

    private static final String MAX = "9223372036854775807";

    /** Asserts which of the versions (space-separated) the requirement contains and which it does not. */
    private static void check(String requirement, String inside, String outside) {
        VersionRange range = VersionRange.parse(requirement);
        for (String v : inside.split(" ")) {
            assertTrue(range.contains(Version.parse(v)), "`" + requirement + "` should contain " + v + "; is " + range);
        }
        for (String v : outside.split(" ")) {
            assertFalse(range.contains(Version.parse(v)), "`" + requirement + "` should not contain " + v + "; is " + range);
        }
    }

    @Test
    void aTextParsedAgainIsTheSameRangeAndABadOneFailsEveryTime() {
        assertTrue(VersionRange.parse("^1.2.3") == VersionRange.parse("^1.2.3"), "parsed once, shared");
        for (int i = 0; i < 2; i++) {
            assertThrows(SyntaxException.class, () -> VersionRange.parse("^1.x.y.z"));
        }
        // More distinct texts than the cache holds: every answer is still the range of its own text.
        for (int i = 0; i < 10_000; i++) {
            VersionRange r = VersionRange.parse(">=" + i + ".0.0 <" + (i + 1) + ".0.0");
            assertTrue(r.contains(Version.parse(i + ".5.0")));
            assertFalse(r.contains(Version.parse((i + 1) + ".0.0")));
        }
        assertTrue(VersionRange.parse("^1.2.3").contains(Version.parse("1.9.0")));
    }

    @Test
    void textsThatMeanTheSameRangeParseToOneObject() {
        List<String> texts = List.of("^1.0", "^1", ">=1.0.0, <2.0.0", "1.x");
        List<VersionRange> parsed = texts.stream().map(VersionRange::parse).toList();
        if (parsed.stream().distinct().count() == 1 && !oneObject(parsed)) {
            // The bounded cache may have started afresh between two of the parses (other tests fill it);
            // it cannot do so again within four more.
            parsed = texts.stream().map(VersionRange::parse).toList();
        }
        for (VersionRange r : parsed) {
            assertSame(parsed.get(0), r);
        }
        assertNotSame(parsed.get(0), VersionRange.parse("^1.1"));
        assertEquals(VersionRange.parse("^1.1"), VersionRange.parse(">=1.1.0 <2.0.0"));
    }

    private static boolean oneObject(List<VersionRange> ranges) {
        return ranges.stream().allMatch(r -> r == ranges.get(0));
    }

    @Test
    void rangesThatALinearHashConfusedHashApart() {
        // Pairs whose hashes were equal while Version hashed its numbers linearly (Objects.hash).
        String[][] pairs = {{"^0.3.20", "^0.2.52"}, {"^1.0.3", "^0.32.1"}, {"^0.2.30", "0.2.30"}, {"~1.4.0", "^0.35.0"}};
        for (String[] pair : pairs) {
            assertNotEquals(VersionRange.parse(pair[0]).hashCode(), VersionRange.parse(pair[1]).hashCode(), pair[0] + " and " + pair[1]);
        }
        assertNotEquals(Version.parse("0.1.1").hashCode(), Version.parse("0.0.32").hashCode());
    }

    @Test
    void exactVersions() {
        check("1.2.3", "1.2.3 1.2.3+build", "1.2.2 1.2.4 1.2.3-0 1.2.3-beta");
        check("=1.2.3", "1.2.3", "1.2.4 1.2.3-rc.1");
        check("v1.2.3", "1.2.3", "1.2.4");
        check("=v1.2.3", "1.2.3", "1.2.4");
        check("1.2.3-beta", "1.2.3-beta", "1.2.3-beta.0 1.2.3-alpha 1.2.3");
        check("1.2.3+build.5", "1.2.3 1.2.3+other", "1.2.4");
    }

    @Test
    void comparisonsWithOptionalWhitespace() {
        check(">=1.2.3", "1.2.3 1.2.4 99.0.0", "1.2.2 1.2.3-rc.1 1.2.4-rc.1");
        check(">= 1.2.3", "1.2.3", "1.2.2");
        check(">1.2.3", "1.2.4 2.0.0", "1.2.3 1.2.4-0");
        check("<1.2.3", "1.2.2 0.0.0", "1.2.3 1.2.3-alpha 1.2.2-rc.1");
        check("<=\t1.2.3", "1.2.3 0.1.0", "1.2.4 1.2.3-beta");
        check(">1.2.3-beta", "1.2.3-beta.0 1.2.3-rc 1.2.3 1.3.0", "1.2.3-beta 1.2.3-alpha 1.3.0-beta");
        check("<=1.2.3-beta", "1.2.3-alpha 1.2.3-beta 1.2.2", "1.2.3-beta.0 1.2.3 1.2.2-beta");
    }

    @Test
    void wildcardsAndTheEmptyRequirementMeanEveryRelease() {
        for (String any : List.of("*", "x", "X", "", "  ", ">=*", "<=x", "^*", "~x", "*.*.*", "x.x")) {
            check(any, "0.0.0 1.2.3 " + MAX + ".0.0", "1.2.3-beta 0.0.0-0");
            assertEquals(VersionRange.any(), VersionRange.parse(any), any);
        }
        assertTrue(VersionRange.parse(">*").isEmpty());
        assertTrue(VersionRange.parse("<X").isEmpty());
    }

    @Test
    void partialVersionsAreXRanges() {
        check("1", "1.0.0 1.9.9", "0.9.9 2.0.0 1.5.0-beta 2.0.0-0");
        check("1.x", "1.0.0 1.9.9", "2.0.0");
        check("1.2", "1.2.0 1.2.99", "1.3.0 1.1.9 1.2.5-rc.1");
        check("1.2.*", "1.2.0 1.2.99", "1.3.0");
        check("1.X.3", "1.0.0 1.5.9", "2.0.0");
        check(">1.2", "1.3.0", "1.2.9 1.3.0-beta");
        check(">=1.2", "1.2.0", "1.1.9 1.2.0-beta");
        check("<1.2", "1.1.9", "1.2.0 1.1.9-beta 1.2.0-0");
        check("<=1.2", "1.2.9", "1.3.0");
        check("<1", "0.9.9", "1.0.0 1.0.0-0");
        check("1.2.x-beta", "1.2.0 1.2.9", "1.2.0-beta 1.3.0");
    }

    @Test
    void caretRanges() {
        check("^1.2.3", "1.2.3 1.9.9", "1.2.2 2.0.0 2.0.0-0 1.3.0-beta");
        check("^0.2.3", "0.2.3 0.2.9", "0.3.0 0.2.2");
        check("^0.0.3", "0.0.3", "0.0.4 0.0.2");
        check("^1.2.x", "1.2.0 1.9.0", "2.0.0 1.1.0");
        check("^0.0.x", "0.0.0 0.0.9", "0.1.0");
        check("^0.x", "0.0.0 0.9.9", "1.0.0");
        check("^1.2.3-beta.2", "1.2.3-beta.2 1.2.3-beta.11 1.2.3 1.5.0", "1.2.3-beta.1 1.2.4-beta 2.0.0");
        check("^ 1.2", "1.2.0 1.99.0", "1.1.0 2.0.0");
    }

    @Test
    void tildeRanges() {
        check("~1", "1.0.0 1.9.9", "2.0.0");
        check("~1.2", "1.2.0 1.2.9", "1.3.0");
        check("~1.2.3", "1.2.3 1.2.9", "1.3.0 1.2.2");
        check("~1.2.3-beta", "1.2.3-beta 1.2.3-rc 1.2.3 1.2.9", "1.2.3-alpha 1.2.4-beta 1.3.0");
        check("~>1.2.3", "1.2.3 1.2.9", "1.3.0");
        check("~> 1.2", "1.2.0", "1.3.0");
    }

    @Test
    void hyphenRanges() {
        check("1.2.3 - 2.3.4", "1.2.3 2.3.4", "1.2.2 2.3.5 2.3.4-beta");
        check("1.2.3 - 2.3", "2.3.9", "2.4.0 2.4.0-0");
        check("1.2 - 2", "1.2.0 2.9.9", "1.1.9 3.0.0");
        check("1.2.3-beta - 2.3.4-rc", "1.2.3-beta 1.2.3-rc 1.2.3 2.3.4-alpha 2.3.4-rc",
                "1.2.3-alpha 2.3.4-rc.1 2.3.4 1.5.0-beta");
        check("* - 2", "0.0.0 2.9.0", "3.0.0");
        check("1 - *", "1.0.0 99.0.0", "0.9.0");
    }

    @Test
    void commasAndSpacesAndAlternatives() {
        check(">=0.4, <0.6", "0.4.0 0.5.9", "0.6.0 0.3.9");
        check(">=0.4,<0.6", "0.4.0", "0.6.0");
        check(">=1.0.0 <1.5.0 || >=2.0.0", "1.0.0 1.4.9 2.0.0 3.0.0", "1.5.0 1.9.9 0.9.9");
        check("1.2.3||2.0.0", "1.2.3 2.0.0", "1.2.4");
        check("1.2.3 || ", "1.2.3 1.5.0 0.0.1", "1.2.3-beta");
        check("|| 1.2.3", "0.0.1", "1.2.3-beta");
    }

    @Test
    void prereleasesNeedAComparatorWithTheSameCore() {
        check(">=1.2.3-beta <2.0.0", "1.2.3-beta 1.2.3-beta.2 1.2.3 1.9.0", "1.2.4-beta 1.9.0-rc 2.0.0-beta");
        check(">=1.0.0 <=2.0.0-rc.1", "1.5.0 2.0.0-beta 2.0.0-rc.1", "1.5.0-beta 2.0.0-rc.2 2.0.0");
        check("1.x || >=2.5.0-alpha", "1.0.0 2.5.0-alpha 2.5.0-beta 3.0.0", "1.5.0-beta 2.6.0-alpha");
        // node-semver keeps only `*` when one alternative is `*`, dropping 1.2.3-beta; so do we.
        check("* || 1.2.3-beta", "1.2.3", "1.2.3-beta");
        // `>=0.0.0` is rewritten to `*` before the prerelease rule sees it.
        check(">=0.0.0 <=0.0.0-beta", "0.0.0-alpha 0.0.0-beta", "0.0.0 0.0.0-rc");
    }

    @Test
    void numbersUpToLongMaxValueNeverOverflow() {
        check("^" + MAX + ".0.0", MAX + ".0.0 " + MAX + "." + MAX + "." + MAX, "1.0.0");
        check("~1." + MAX + ".0", "1." + MAX + ".0 1." + MAX + "." + MAX, "2.0.0 2.0.0-0");
        check("^0." + MAX + ".5", "0." + MAX + ".5", "1.0.0");
        check("^0.0." + MAX, "0.0." + MAX, "0.1.0 0.0.1");
        check("<=" + MAX, MAX + "." + MAX + "." + MAX, "1.0.0-beta");
        assertTrue(VersionRange.parse(">" + MAX + "." + MAX + "." + MAX).isEmpty());
        check(MAX + "." + MAX + "." + MAX + " - " + MAX, MAX + "." + MAX + "." + MAX, MAX + ".0.0");
        assertTrue(VersionRange.parse(">" + MAX + ".x").isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "1.2.3.4 => invalid requirement `1.2.3.4`: expected whitespace, `,`, `||` or the end of the requirement at column 6, found `.`",
        ">= => invalid requirement `>=`: expected a version after `>=` at column 3, found the end of the input",
        "^ => invalid requirement `^`: expected a version after `^` at column 2, found the end of the input",
        "~> => invalid requirement `~>`: expected a version after `~>` at column 3, found the end of the input",
        "1.2.3 - => invalid requirement `1.2.3 -`: expected whitespace and the upper bound of the hyphen range at column 8, found the end of the input",
        "1.2.3 -2 => invalid requirement `1.2.3 -2`: expected whitespace and the upper bound of the hyphen range at column 8, found `2`",
        "1.2.3 - 2 - 3 => invalid requirement `1.2.3 - 2 - 3`: expected `||` or the end of the requirement after a hyphen range at column 11, found `-`",
        "01.2.3 => invalid requirement `01.2.3`: expected the major version number without leading zeros at column 1, found `0`",
        "1.2.3 @ => invalid requirement `1.2.3 @`: expected a version or a comparison such as `^1.2.3` or `>=1.0.0` at column 7, found `@`",
        ">=1.2.3 ||| 2 => invalid requirement `>=1.2.3 ||| 2`: expected a version or a comparison such as `^1.2.3` or `>=1.0.0` at column 11, found `|`",
        ">=1.2.3 | 2 => invalid requirement `>=1.2.3 | 2`: expected `||` between alternatives (a single `|` means nothing) at column 9, found `|`",
        "1.2-beta => invalid requirement `1.2-beta`: expected `.` and the patch version number (a prerelease needs all three numbers) at column 4, found `-`",
        ">1.2.3<2 => invalid requirement `>1.2.3<2`: expected whitespace, `,`, `||` or the end of the requirement at column 7, found `<`",
        ">=1.2.3, => invalid requirement `>=1.2.3,`: expected a version or a comparison such as `^1.2.3` or `>=1.0.0` at column 9, found the end of the input",
        "1.2.3-beta.01 => invalid requirement `1.2.3-beta.01`: expected a numeric prerelease identifier without leading zeros at column 12, found `0`",
        "~ >1.2.3 => invalid requirement `~ >1.2.3`: expected a version after `~` at column 3, found `>`",
        "=v => invalid requirement `=v`: expected the major version number, `x` or `*` at column 3, found the end of the input",
        "1.2.3beta => invalid requirement `1.2.3beta`: expected whitespace, `,`, `||` or the end of the requirement at column 6, found `b`",
    })
    void rejectsInvalidRequirementsWithAnExactMessage(String text, String message) {
        SyntaxException e = assertThrows(SyntaxException.class, () -> VersionRange.parse(text));
        assertEquals(message, e.getMessage());
        assertEquals("invalid-requirement", e.code());
    }

    @Test
    void factories() {
        Version v = Version.parse("1.2.3");
        assertEquals(VersionRange.parse("1.2.3"), VersionRange.exactly(Version.parse("1.2.3+b")));
        assertEquals(VersionRange.parse("1.2.3-rc.1"), VersionRange.exactly(Version.parse("1.2.3-rc.1")));
        assertEquals(VersionRange.parse("1.2.3 || 2.0.0"), VersionRange.of(List.of(v, Version.parse("2.0.0"))));
        assertTrue(VersionRange.of(List.of()).isEmpty());
        VersionRange between = VersionRange.between(Version.parse("1.0.0"), Version.parse("2.0.0"));
        assertTrue(between.contains(Version.parse("1.5.0-beta")));
        assertTrue(between.contains(Version.parse("1.0.0")));
        assertFalse(between.contains(Version.parse("1.0.0-rc.1")));
        assertTrue(between.contains(Version.parse("2.0.0-rc.1")));
        assertFalse(between.contains(Version.parse("2.0.0")));
        assertTrue(VersionRange.between(null, null).isAll());
        assertEquals(VersionRange.all(), VersionRange.between(Version.parse("0.0.0-0"), null));
        assertTrue(VersionRange.all().contains(Version.parse("0.0.0-0")));
        assertFalse(VersionRange.any().contains(Version.parse("0.0.0-0")));
        assertTrue(VersionRange.any().complement().contains(Version.parse("0.0.0-0")));
        assertTrue(VersionRange.empty().complement().isAll());
        assertTrue(VersionRange.parse("^1.2.3").isSubsetOf(VersionRange.parse("1.x")));
        assertFalse(VersionRange.parse("1.x").isSubsetOf(VersionRange.parse("^1.2.3")));
        assertTrue(VersionRange.parse("^1.2.3").intersects(VersionRange.parse(">=1.9.0")));
        assertFalse(VersionRange.parse("^1.2.3").intersects(VersionRange.parse(">=2.0.0")));
        assertEquals(VersionRange.parse(">=1.0.0 <1.5.0 || >=2.0.0"),
                VersionRange.parse(">=1.0.0").minus(VersionRange.parse(">=1.5.0 <2.0.0")));
    }

    @Test
    void equalSetsAreEqualObjectsWhateverTheSpelling() {
        assertEquals(VersionRange.parse("^1.2.3"), VersionRange.parse(">=1.2.3 <2.0.0-0"));
        assertEquals(VersionRange.parse("^1.2.3"), VersionRange.parse(">=1.2.3, <2"));
        assertEquals(VersionRange.parse("1.x"), VersionRange.parse("^1.0.0 || 1.0.0"));
        assertEquals(VersionRange.parse("1.2.3 || 1.2.4 || 1.2.5"), VersionRange.parse(">1.2.2 <=1.2.5"));
        assertEquals(VersionRange.parse(">1.2.3-beta <1.2.3"), VersionRange.parse(">=1.2.3-beta.0 <1.2.3"));
        assertEquals(VersionRange.parse("<0.0.0-0"), VersionRange.parse(">2 <1"));
        assertEquals(VersionRange.parse("<0.0.0-0").hashCode(), VersionRange.empty().hashCode());
    }

    /** The hash is kept after the first call; it must be what an equal range computes afresh. */
    @Test
    void theKeptHashIsTheFreshOne() {
        for (String spelling : new String[] {"^1.2.3", "*", "<0.0.0-0", ">=1.0.0-rc.1 <2", "~0.2 || ^3"}) {
            VersionRange first = VersionRange.parse(spelling);
            int kept = first.hashCode();
            assertEquals(kept, first.hashCode(), spelling);
            assertEquals(kept, VersionRange.parse(spelling).hashCode(), spelling);
        }
        assertEquals(VersionRange.parse(">=1.2.3, <2").hashCode(), VersionRange.parse("^1.2.3").hashCode());
    }
}
