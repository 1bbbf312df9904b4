package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VersionRange#covering}: the readable range behind "every version of web ..." explanations. */
class RangeCoveringTest {

    private static final List<Version> WEB = versions("0.9.0 1.0.0 1.1.0 1.2.0 1.2.1 2.0.0-rc.1 2.0.0 2.0.1 2.1.0"
            + " 2.2.0 2.3.0 2.3.1 2.4.0 2.5.0 2.6.0 2.7.0 2.8.0 3.0.0-beta 3.0.0 3.1.0");

    private static List<Version> versions(String text) {
        List<Version> result = new ArrayList<>();
        for (String v : text.split(" ")) {
            result.add(Version.parse(v));
        }
        return result;
    }

    private static String cover(String chosen) {
        VersionRange range = VersionRange.covering(versions(chosen), WEB);
        assertEquals(VersionRange.of(versions(chosen)), range.intersect(VersionRange.of(WEB)));
        return range.toString();
    }

    @Test
    void allOfAMajorIsACaret() {
        assertEquals("^2.0.0", cover("2.0.0 2.0.1 2.1.0 2.2.0 2.3.0 2.3.1 2.4.0 2.5.0 2.6.0 2.7.0 2.8.0"));
        assertEquals("^2.0.0-0", cover("2.0.0-rc.1 2.0.0 2.0.1 2.1.0 2.2.0 2.3.0 2.3.1 2.4.0 2.5.0 2.6.0 2.7.0 2.8.0"));
    }

    @Test
    void runsAtTheEndsAreOpen() {
        assertEquals(">=3.0.0-0", cover("3.0.0-beta 3.0.0 3.1.0"));
        assertEquals(">=3.0.0", cover("3.0.0 3.1.0"));
        assertEquals("<1.2.0", cover("0.9.0 1.0.0 1.1.0"));
    }

    @Test
    void partialMinorsGetTildeOrRoundBounds() {
        assertEquals("^1.2.0", cover("1.2.0 1.2.1"));
        assertEquals("~2.3.0", cover("2.3.0 2.3.1"));
        assertEquals(">=2.3.0 <2.6.0", cover("2.3.0 2.3.1 2.4.0 2.5.0"));
        assertEquals(">=1.0.0 <1.2.0 || >=2.1.0 <2.3.0", cover("1.0.0 1.1.0 2.1.0 2.2.0"));
    }

    @Test
    void singleVersionsStayExact() {
        assertEquals("2.4.0", cover("2.4.0"));
        assertEquals("2.0.0-rc.1", VersionRange.covering(versions("2.0.0-rc.1"),
                versions("2.0.0-alpha 2.0.0-rc.1 2.0.0-rc.2")).toString());
        assertEquals("<0.0.0-0", VersionRange.covering(List.of(), WEB).toString());
    }

    @Test
    void chosenVersionsOutsideTheUniverseJoinIt() {
        VersionRange range = VersionRange.covering(versions("5.0.0"), WEB);
        assertEquals("5.0.0", range.toString());
    }
}
