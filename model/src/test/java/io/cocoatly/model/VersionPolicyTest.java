package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one spelling table of the policy: each spelling read back to its policy, nothing else accepted. */
class VersionPolicyTest {

    @Test
    void theTableSpellsEachPolicyOnTheCommandLineAndInFiles() {
        assertEquals(List.of("one", "semver-major"), VersionPolicy.options());
        assertEquals(List.of("one-per-package", "semver-major"), VersionPolicy.fileTexts());
        for (VersionPolicy p : VersionPolicy.values()) {
            assertEquals(Optional.of(p), VersionPolicy.fromOption(p.option()));
            assertEquals(Optional.of(p), VersionPolicy.fromOption(p.fileText()), "the file spelling works on the command line");
            assertEquals(Optional.of(p), VersionPolicy.fromFileText(p.fileText()));
        }
    }

    @Test
    void filesAcceptOnlyTheirOwnSpellingAndUnknownTextsNothing() {
        assertEquals(Optional.empty(), VersionPolicy.fromFileText("one"), "files were never written with `one`");
        assertEquals(Optional.empty(), VersionPolicy.fromOption("two"));
        assertEquals(Optional.empty(), VersionPolicy.fromOption("ONE"));
    }

    @Test
    void theExclusionKeyIsTheNameOrTheNameAndCompatibilityClass() {
        PackageId a = PackageId.of("log", "1.2.0");
        PackageId b = PackageId.of("log", "2.0.0");
        assertEquals(VersionPolicy.ONE_PER_PACKAGE.exclusionKey(a), VersionPolicy.ONE_PER_PACKAGE.exclusionKey(b));
        assertNotEquals(VersionPolicy.SEMVER_MAJOR.exclusionKey(a), VersionPolicy.SEMVER_MAJOR.exclusionKey(b));
        assertEquals("log@0.3", VersionPolicy.SEMVER_MAJOR.exclusionKey(PackageId.of("log", "0.3.1")));
    }
}
