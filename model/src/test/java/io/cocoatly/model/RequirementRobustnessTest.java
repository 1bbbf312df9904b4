package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Arbitrary text and extreme numbers: parsing fails only with a positioned SyntaxException. */
class RequirementRobustnessTest {

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("0123456789.-+xX*^~<>=|, \tvab").ofMaxLength(24);
    }

    @Provide
    Arbitrary<Version> big() {
        return Generators.anyVersions();
    }

    @Property
    void anyTextParsesOrFailsWithAPosition(@ForAll("noise") String text) {
        try {
            VersionRange range = VersionRange.parse(text);
            assertEquals(range, VersionRange.parse(range.toString()), text);
        } catch (SyntaxException e) {
            assertTrue(e.position() >= 0 && e.position() <= text.length(), e.getMessage());
            assertTrue(e.getMessage().startsWith("invalid requirement `" + text + "`: expected "), e.getMessage());
        }
    }

    @Property
    void operatorsNeverOverflow(@ForAll("big") Version v) {
        assertTrue(VersionRange.parse("^" + v).contains(v));
        assertTrue(VersionRange.parse("~" + v).contains(v));
        assertTrue(VersionRange.parse(">=" + v).contains(v));
        assertTrue(VersionRange.parse("<=" + v).contains(v));
        assertTrue(VersionRange.parse(v + " - " + v).contains(v));
        assertFalse(VersionRange.parse(">" + v).contains(v));
        assertFalse(VersionRange.parse("<" + v).contains(v));
        assertTrue(VersionRange.parse(v.major() + ".x").contains(v));
        assertTrue(VersionRange.parse("~" + v.major() + "." + v.minor()).contains(v));
        assertTrue(VersionRange.parse("<=" + v.major() + "." + v.minor()).contains(v));
        assertFalse(VersionRange.parse(">" + v.major() + "." + v.minor()).contains(v));
        Version next = v.nextRelease();
        if (next != null) {
            assertTrue(VersionRange.parse(">" + v).contains(next));
            assertFalse(VersionRange.parse("<=" + v).contains(next));
        }
        VersionRange caret = VersionRange.parse("^" + v);
        assertEquals(caret, VersionRange.parse(caret.toString()));
    }
}
