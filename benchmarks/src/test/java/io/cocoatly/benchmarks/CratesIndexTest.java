package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the crates.io index, on the real crates of the committed excerpt; it runs in any clone. */
class CratesIndexTest {

    private static final CratesIndex INDEX = SharedIndex.EXCERPT;

    static Release release(CratesIndex index, String crate, String version) {
        PackageListing listing = index.find(PackageName.of(crate)).orElseThrow();
        return listing.releases().stream().filter(r -> r.version().equals(Version.parse(version)))
                .findFirst().orElseThrow(() -> new AssertionError(crate + " has no " + version));
    }

    static List<String> dependencies(Release release) {
        return release.dependencies().stream().map(Dependency::toString).toList();
    }

    @Test
    void holdsTheClosureOfItsRoots() {
        assertEquals(170, INDEX.size());
        assertEquals(48, SharedIndex.EXCERPT_ROOTS.size());
        for (PackageId root : SharedIndex.EXCERPT_ROOTS) {
            release(INDEX, root.name().value(), root.version().toString());
        }
    }

    @Test
    void everyKeptDependencyNamesACrateOfTheExcerpt() {
        List<String> dangling = new ArrayList<>();
        INDEX.parseAll(listing -> listing.releases().forEach(r -> r.dependencies().stream()
                .filter(d -> INDEX.find(d.name()).isEmpty()).forEach(d -> dangling.add(r.id() + " -> " + d))));
        assertEquals(List.of(), dangling);
    }

    @Test
    void serdesNewestReleaseIsTheTopRootsVersionAndNeedsNothingWithoutFeatures() {
        PackageListing serde = INDEX.find(PackageName.of("serde")).orElseThrow();
        Release newest = serde.releases().get(serde.releases().size() - 1);
        assertEquals(SharedIndex.EXCERPT_ROOTS.get(0), newest.id());
        assertFalse(newest.yanked());
        // Its only entries are an optional and a dev dependency on serde_derive.
        assertEquals(List.of(), newest.dependencies());
    }

    @Test
    void keepsNormalDependenciesAndDropsOptionalAndDevOnes() {
        assertEquals(List.of("itoa ^0.4.3", "ryu ^1.0", "serde ^1.0.60"),
                dependencies(release(INDEX, "serde-json", "1.0.41")));
    }

    @Test
    void keepsTargetSpecificDependencies() {
        assertEquals(List.of("fuchsia-zircon ^0.3.2", "fuchsia-zircon-sys ^0.3.2", "iovec ^0.1.1",
                "kernel32-sys ^0.2", "libc ^0.2.42", "log ^0.4", "miow ^0.2.1", "net2 ^0.2.29", "slab ^0.4.0",
                "winapi ^0.2.6"), dependencies(release(INDEX, "mio", "0.6.19")));
    }

    @Test
    void cargoRequirementsKeepTheirMeaning() {
        Dependency serde = release(INDEX, "serde-json", "1.0.41").dependencies().get(2);
        assertTrue(serde.range().contains(Version.parse("1.0.60")));
        assertTrue(serde.range().contains(Version.parse("1.9.0")));
        assertFalse(serde.range().contains(Version.parse("1.0.59")));
        assertFalse(serde.range().contains(Version.parse("2.0.0")));
    }

    @Test
    void namesAreFoundUnderTheirNormalisedForm() {
        // crates.io lists `serde_json`; it is found under the normalised name only.
        assertEquals("serde-json", INDEX.find(PackageName.of("serde-json")).orElseThrow().name().value());
        assertTrue(INDEX.find(PackageName.of("serde_json")).isEmpty(), "only the normalised name is indexed");
        assertTrue(INDEX.find(PackageName.of("no-such-crate-anywhere")).isEmpty());
    }

    @Test
    void aCrateIsParsedOnceAndThenServedFromMemory() {
        assertSame(INDEX.find(PackageName.of("log")).orElseThrow(), INDEX.find(PackageName.of("log")).orElseThrow());
    }

    @Test
    void normalisationLowersCaseAndReadsUnderscoreAsHyphen() {
        assertEquals("serde-json", CratesIndex.normalise("serde_json"));
        assertEquals("inflector", CratesIndex.normalise("Inflector"));
        assertEquals("a-b-c", CratesIndex.normalise("A_b-C"));
    }
}
