package io.cocoatly.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** "did you mean" suggestions: close by edit distance, case-insensitive, and (for config) by affix. */
class TyposTest {

    private static final Set<String> KEYS = Set.of("name", "version", "dependencies", "timeout_seconds", "retries");

    @Test
    void suggestsTheClosestKnownWord() {
        assertEquals(Optional.of("dependencies"), Typos.closest("dependecies", KEYS));
        assertEquals(Optional.of("name"), Typos.closest("Name", KEYS));
        assertEquals(Optional.empty(), Typos.closest("zzz", KEYS));
        // Ties go to the alphabetically first candidate, so the hint never depends on set order.
        assertEquals(Optional.of("bat"), Typos.closest("cat", List.of("rat", "bat")));
    }

    @Test
    void aSwapOfNeighbouringLettersIsOneEdit() {
        assertEquals(1, Typos.distance("wbe", "web"));
        assertEquals(1, Typos.distance("vesrion", "version"));
        assertEquals(Optional.of("web"), Typos.closest("wbe", List.of("web", "api")));
        // Letters moved apart are still edits of their own: `ca` to `abc` is 2 (swap, insert), not 3.
        assertEquals(2, Typos.distance("ca", "abc"));
        assertEquals(3, Typos.distance("kitten", "sitting"));
    }

    @Test
    void affixesHelpOnlyWhereEditDistanceDoesNot() {
        assertEquals(Optional.empty(), Typos.closest("timeout", KEYS));
        assertEquals(Optional.of("timeout_seconds"), Typos.closestOrAffixed("timeout", KEYS));
        assertEquals(Optional.of("timeout_seconds"), Typos.closestOrAffixed("seconds", KEYS));
        assertEquals(Optional.of("retries"), Typos.closestOrAffixed("retrie", KEYS));
        assertEquals(Optional.empty(), Typos.closestOrAffixed("es", KEYS));
    }

    @Test
    void listsWordsSortedWithAnAnd() {
        assertEquals("`a`", Typos.list(List.of("a")));
        assertEquals("`blake3`, `sha256` and `sha512`", Typos.list(Set.of("sha512", "blake3", "sha256")));
    }

    @Property
    void distanceIsAMetric(@ForAll @StringLength(max = 12) String a, @ForAll @StringLength(max = 12) String b,
            @ForAll @StringLength(max = 12) String c) {
        assertEquals(0, Typos.distance(a, a));
        assertEquals(Typos.distance(a, b), Typos.distance(b, a));
        assertEquals(true, Typos.distance(a, c) <= Typos.distance(a, b) + Typos.distance(b, c));
    }
}
