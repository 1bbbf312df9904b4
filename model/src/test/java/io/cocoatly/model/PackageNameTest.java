package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The name grammar, written out for speed, against the regular expression it documents; one object per name. */
class PackageNameTest {

    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private static boolean valid(String name) {
        return PackageName.problem(name) == null;
    }

    @Test
    void theGrammarIsTheDocumentedExpression() {
        for (String name : List.of("a", "0", "a.b", "a_b", "a-b", "serde-json", "x86_64", ".a", "_a", "-a", "A", "aB",
                "a b", "a/b", "a..b", "é", "a\u0000", "a:", "z9.-_")) {
            assertEquals(GRAMMAR.matcher(name).matches(), valid(name), name);
        }
        Random random = new Random(11);
        String alphabet = "az09._-A/ ";
        for (int n = 0; n < 5000; n++) {
            StringBuilder name = new StringBuilder();
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = name.toString();
            assertEquals(GRAMMAR.matcher(s).matches(), valid(s), s);
        }
    }

    @Test
    void ofGivesOneObjectPerName() {
        PackageName first = PackageName.of(new String("one-object"));
        PackageName again = PackageName.of(new String("one-object"));
        if (first != again) {
            // The table starts afresh when full and other tests fill it; a second clear cannot come
            // within two look-ups.
            first = PackageName.of("one-object");
            again = PackageName.of(new String("one-object"));
        }
        assertSame(first, again);
        assertNotSame(first, PackageName.of("another-object"));
        assertEquals(first, new PackageName("one-object"));
    }

    @Test
    void ofStillRefusesBadNamesAfterGoodOnes() {
        PackageName.of("fine");
        assertThrows(CocoatlyException.class, () -> PackageName.of("Fine"));
        assertThrows(CocoatlyException.class, () -> PackageName.of(null));
        assertThrows(CocoatlyException.class, () -> PackageName.of("Fine"));
    }

    @Test
    void badNamesAreRefusedWithTheReason() {
        assertEquals("a name must not be empty", PackageName.problem(""));
        assertEquals("longer than 64 characters", PackageName.problem("a".repeat(65)));
        assertNull(PackageName.problem("a".repeat(64)));
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> PackageName.of("Serde"));
        assertEquals("invalid-package-name", e.code());
        assertEquals("invalid package name `Serde`: it must match [a-z0-9][a-z0-9._-]*", e.getMessage());
    }
}
