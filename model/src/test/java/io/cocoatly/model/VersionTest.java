package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionTest {

    private static final long MAX = Long.MAX_VALUE;

    @Test
    void parsesEveryPart() {
        Version v = Version.parse("1.22.333-beta.11.x-y+build.007");
        assertEquals(1, v.major());
        assertEquals(22, v.minor());
        assertEquals(333, v.patch());
        assertEquals(List.of("beta", "11", "x-y"), v.prerelease());
        assertEquals(List.of("build", "007"), v.build());
        assertTrue(v.isPrerelease());
        assertEquals("1.22.333-beta.11.x-y+build.007", v.toString());
        assertEquals(Version.of(1, 22, 333), v.release());
    }

    @Test
    void precedenceFollowsTheSpecsExampleChain() {
        List<String> chain = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
        List<Version> versions = new ArrayList<>();
        chain.forEach(s -> versions.add(Version.parse(s)));
        for (int i = 0; i < versions.size(); i++) {
            for (int j = 0; j < versions.size(); j++) {
                assertEquals(Integer.signum(Integer.compare(i, j)),
                        Integer.signum(versions.get(i).compareTo(versions.get(j))), chain.get(i) + " vs " + chain.get(j));
            }
        }
        List<Version> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new java.util.Random(7));
        assertEquals(versions, Version.sorted(shuffled));
    }

    @Test
    void numericIdentifiersCompareAsNumbersEvenBeyondALong() {
        assertTrue(Version.parse("1.0.0-2").isLowerThan(Version.parse("1.0.0-10")));
        assertTrue(Version.parse("1.0.0-99999999999999999999").isHigherThan(Version.parse("1.0.0-9223372036854775807")));
        assertTrue(Version.parse("1.0.0-999").isLowerThan(Version.parse("1.0.0-a")));
        assertTrue(Version.parse("1.0.0-0").isLowerThan(Version.parse("1.0.0-0.0")));
    }

    @Test
    void buildMetadataPlaysNoPartInEqualityOrOrder() {
        Version a = Version.parse("1.0.0+a");
        Version b = Version.parse("1.0.0+b.2");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(0, a.compareTo(b));
        assertEquals(Version.parse("1.0.0"), a.withoutBuild());
        assertEquals("1.0.0", a.withoutBuild().toString());
        assertNotEquals(Version.parse("1.0.0-a"), a);
    }

    @Test
    void numbersGoUpToLongMaxValue() {
        Version max = Version.parse("9223372036854775807.9223372036854775807.9223372036854775807");
        assertEquals(MAX, max.major());
        assertNull(max.nextRelease());
        assertEquals(Version.of(1, MAX, 0), Version.of(1, MAX - 1, MAX).nextRelease());
        assertEquals(Version.of(2, 0, 0), Version.of(1, MAX, MAX).nextRelease());
        assertEquals(Version.of(1, 2, 4), Version.of(1, 2, 3).nextRelease());
        assertTrue(Version.of(MAX, 0, 0).isHigherThan(Version.of(MAX - 1, MAX, MAX)));
    }

    @Test
    void successorsLeaveNothingInBetween() {
        Version p = Version.parse("1.2.3-beta");
        assertEquals(Version.parse("1.2.3-beta.0"), p.nextPrerelease());
        assertEquals(Version.parse("1.2.3-0"), Version.of(1, 2, 3).lowestPrerelease());
        assertThrows(IllegalStateException.class, () -> Version.of(1, 2, 3).nextPrerelease());
    }

    @Test
    void compatibilityClassIsWhatCargoCallsIt() {
        assertEquals("1", Version.parse("1.2.3").compatibilityClass());
        assertEquals("0.3", Version.parse("0.3.1").compatibilityClass());
        assertEquals("0.0.4", Version.parse("0.0.4").compatibilityClass());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1.2|invalid version `1.2`: expected `.` and the patch version number at column 4, found the end of the input",
        "01.2.3|invalid version `01.2.3`: expected the major version number without leading zeros at column 1, found `0`",
        "1.02.3|invalid version `1.02.3`: expected the minor version number without leading zeros at column 3, found `0`",
        "1.2.3-01|invalid version `1.2.3-01`: expected a numeric prerelease identifier without leading zeros at column 7, found `0`",
        "1.2.3-|invalid version `1.2.3-`: expected a prerelease identifier ([0-9A-Za-z-]) at column 7, found the end of the input",
        "1.2.3+|invalid version `1.2.3+`: expected a build identifier ([0-9A-Za-z-]) at column 7, found the end of the input",
        "v1.2.3|invalid version `v1.2.3`: expected the major version number at column 1, found `v`",
        "\" 1.2.3\"|invalid version ` 1.2.3`: expected the major version number at column 1, found ` `",
        "1.2.3.4|invalid version `1.2.3.4`: expected the end of the version at column 6, found `.`",
        "1.2.x|invalid version `1.2.x`: expected the patch version number at column 5, found `x`",
        "1.2.3-beta..1|invalid version `1.2.3-beta..1`: expected a prerelease identifier ([0-9A-Za-z-]) at column 12, found `.`",
        "9223372036854775808.0.0|invalid version `9223372036854775808.0.0`: expected the major version number no larger than 9223372036854775807 at column 1, found `9`",
        "\"\"|invalid version ``: expected the major version number at column 1, found the end of the input",
    })
    void rejectsInvalidVersionsWithAnExactMessage(String text, String message) {
        SyntaxException e = assertThrows(SyntaxException.class, () -> Version.parse(text));
        assertEquals(message, e.getMessage());
        assertEquals("invalid-version", e.code());
        assertEquals(text, e.input());
        assertFalse(Version.isValid(text));
    }

    @Test
    void pointerShowsTheColumn() {
        SyntaxException e = assertThrows(SyntaxException.class, () -> Version.parse("1.2.x"));
        assertEquals(4, e.position());
        assertEquals("  1.2.x\n      ^", e.pointer());
    }

    @Test
    void ofValidatesIdentifiers() {
        assertEquals(Version.parse("1.2.3-rc.1+b"), Version.of(1, 2, 3, List.of("rc", "1"), List.of("b")));
        assertThrows(SyntaxException.class, () -> Version.of(1, 2, 3, List.of("r c"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Version.of(-1, 0, 0));
    }
}
