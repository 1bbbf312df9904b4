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
import java.util.List;
import org.junit.jupiter.api.Test;

class CratesIndexTest {

    private static final CratesIndex INDEX = SharedIndex.INDEX;

    private static Release release(String crate, String version) {
        PackageListing listing = INDEX.find(PackageName.of(crate)).orElseThrow();
        return listing.releases().stream().filter(r -> r.version().equals(Version.parse(version)))
                .findFirst().orElseThrow(() -> new AssertionError(crate + " has no " + version));
    }

    private static List<String> dependencies(Release release) {
        return release.dependencies().stream().map(Dependency::toString).toList();
    }

    @Test
    void holdsEveryCrateOfTheSnapshot() {
        assertEquals(31_839, INDEX.size());
    }

    @Test
    void serdesNewestReleaseIsTheTopRootsVersionAndNeedsNothingWithoutFeatures() {
        PackageListing serde = INDEX.find(PackageName.of("serde")).orElseThrow();
        Release newest = serde.releases().get(serde.releases().size() - 1);
        PackageId top = CratesRoots.load().get(0);
        assertEquals(top, newest.id());
        assertFalse(newest.yanked());
        // Its only entries are an optional and a dev dependency on serde_derive.
        assertEquals(List.of(), newest.dependencies());
    }

    @Test
    void keepsNormalDependenciesAndDropsOptionalAndDevOnes() {
        assertEquals(List.of("itoa ^0.4.3", "ryu ^1.0", "serde ^1.0.60"), dependencies(release("serde-json", "1.0.41")));
    }

    @Test
    void keepsTargetSpecificDependencies() {
        assertEquals(List.of("fuchsia-zircon ^0.3.2", "fuchsia-zircon-sys ^0.3.2", "iovec ^0.1.1",
                "kernel32-sys ^0.2", "libc ^0.2.42", "log ^0.4", "miow ^0.2.1", "net2 ^0.2.29", "slab ^0.4.0",
                "winapi ^0.2.6"), dependencies(release("mio", "0.6.19")));
    }

    @Test
    void renamedDependenciesPointAtTheRealCrate() {
        // dux 0.2.0 writes `channel = { package = "crossbeam-channel" }` and `xcbu = { package = "xcb-util" }`.
        List<String> dux = dependencies(release("dux", "0.2.0"));
        assertTrue(dux.containsAll(List.of("crossbeam-channel ^0.3", "xcb-util ^0.2")), dux.toString());
        assertTrue(dux.stream().noneMatch(d -> d.startsWith("channel ") || d.startsWith("xcbu ")), dux.toString());
    }

    @Test
    void cargoRequirementsKeepTheirMeaning() {
        Dependency serde = release("serde-json", "1.0.41").dependencies().get(2);
        assertTrue(serde.range().contains(Version.parse("1.0.60")));
        assertTrue(serde.range().contains(Version.parse("1.9.0")));
        assertFalse(serde.range().contains(Version.parse("1.0.59")));
        assertFalse(serde.range().contains(Version.parse("2.0.0")));
    }

    @Test
    void namesAreFoundWhateverTheirCaseOrSeparatorOnCratesIo() {
        // crates.io lists `serde_json` and `Inflector`; both are found under the normalised name.
        assertEquals("serde-json", INDEX.find(PackageName.of("serde-json")).orElseThrow().name().value());
        assertTrue(INDEX.find(PackageName.of("inflector")).isPresent());
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
