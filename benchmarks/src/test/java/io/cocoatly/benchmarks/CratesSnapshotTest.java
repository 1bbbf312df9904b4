package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.Resolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests over the whole crates.io snapshot. They run only where it lies beside the clone (as in CI),
 * and are skipped, with a message that says how to get it, elsewhere; {@link CratesIndexTest} and
 * {@link CratesResolveTest} cover the same code on the committed excerpt in every clone.
 */
class CratesSnapshotTest {

    @Test
    void holdsEveryCrateOfTheSnapshot() {
        assertEquals(31_839, SharedIndex.snapshot().size());
    }

    @Test
    void renamedDependenciesPointAtTheRealCrate() {
        // dux 0.2.0 writes `channel = { package = "crossbeam-channel" }` and `xcbu = { package = "xcb-util" }`.
        List<String> dux = CratesIndexTest.dependencies(CratesIndexTest.release(SharedIndex.snapshot(), "dux", "0.2.0"));
        assertTrue(dux.containsAll(List.of("crossbeam-channel ^0.3", "xcb-util ^0.2")), dux.toString());
        assertTrue(dux.stream().noneMatch(d -> d.startsWith("channel ") || d.startsWith("xcbu ")), dux.toString());
    }

    @Test
    void namesInUpperCaseAreFoundUnderTheNormalisedName() {
        // crates.io lists `Inflector`.
        assertTrue(SharedIndex.snapshot().find(PackageName.of("inflector")).isPresent());
    }

    @Test
    void theCommittedExcerptIsWhatTheSnapshotCutsTo() throws IOException {
        Path excerpt = DataFiles.excerptIndexFile().getParent();
        CratesExcerpt.Cut cut = CratesExcerpt.cut(SharedIndex.snapshotDirectory(),
                CratesExcerpt.rootNames(excerpt.resolve(CratesExcerpt.ROOTS_FILE)));

        String hint = "; cut it again as testdata/crates-excerpt/README.md says";
        assertEquals(Files.readString(excerpt.resolve(CratesExcerpt.ROOTS_FILE), StandardCharsets.UTF_8), cut.roots(),
                CratesExcerpt.ROOTS_FILE + hint);
        assertEquals(Files.readString(excerpt.resolve(CratesExcerpt.INDEX_FILE), StandardCharsets.UTF_8), cut.index(),
                CratesExcerpt.INDEX_FILE + hint);
    }

    @Test
    void eachExcerptRootResolvesAsOnTheWholeSnapshot() {
        Resolver whole = new Resolver(SharedIndex.snapshot());
        Resolver excerpt = new Resolver(SharedIndex.EXCERPT);
        for (PackageId root : SharedIndex.EXCERPT_ROOTS) {
            assertEquals(selection(whole.resolve(CratesRoots.request(root))),
                    selection(excerpt.resolve(CratesRoots.request(root))), root.toString());
        }
    }

    private static List<PackageId> selection(Resolution r) {
        return r instanceof Resolution.Solved s ? s.packages().stream().map(Resolution.SelectedPackage::id).sorted().toList()
                : List.of();
    }
}
