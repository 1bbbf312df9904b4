package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import org.junit.jupiter.api.Test;

class CargoRequirementTest {

    private static boolean matches(String cargo, String version) {
        return CargoRequirement.parse(cargo).contains(Version.parse(version));
    }

    @Test
    void aBareVersionIsACaretInCargo() {
        assertEquals("^1.2.3", CargoRequirement.toNodeSyntax("1.2.3"));
        assertTrue(matches("1.2.3", "1.9.0"));
        assertFalse(matches("1.2.3", "2.0.0"));
    }

    @Test
    void commasJoinComparatorsAndSpacesAfterOperatorsAreDropped() {
        assertEquals(">=0.4 <0.6", CargoRequirement.toNodeSyntax(">= 0.4, < 0.6"));
        assertTrue(matches(">= 0.4, < 0.6", "0.5.9"));
        assertFalse(matches(">= 0.4, < 0.6", "0.6.0"));
        assertTrue(matches("= 0.3.0-alpha.19", "0.3.0-alpha.19"));
        assertFalse(matches("= 0.3.0-alpha.19", "0.3.0"));
    }

    @Test
    void emptyAndStarMeanAnyRelease() {
        assertEquals(VersionRange.parse("*"), CargoRequirement.parse(""));
        assertEquals(VersionRange.parse("*"), CargoRequirement.parse("*"));
    }

    @Test
    void mergedEntriesAreTheirConjunction() {
        assertTrue(matches("^0.3, ^0.3.5", "0.3.7"));
        assertFalse(matches("^0.3, ^0.3.5", "0.3.4"));
        assertTrue(CargoRequirement.parse("^0.2.6, ^0.3").isEmpty());
    }
}
