package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.RegistrySource;
import io.cocoatly.registry.RegistrySources;
import io.cocoatly.solver.CheckReport;
import io.cocoatly.solver.Resolver;
import io.cocoatly.solver.VersionCheck;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry-wide check over a registry that cannot list its index, as one served over HTTP:
 * the names come from {@code names.json}, and without it the check fails with
 * {@code registry-names-missing}. The source reads the real sample registry's files and only
 * refuses to list, so the answer must equal the directory's.
 */
class UnlistableRegistryCheckTest {

    private static final Path SAMPLE = Path.of(System.getProperty("cocoatly.repo", "..")).resolve("testdata/registry");

    @TempDir
    Path dir;

    /** A source that reads {@code root}'s files and cannot list directories. */
    private record Unlistable(RegistrySource files) implements RegistrySource {
        @Override
        public String describe(String relativePath) {
            return files.describe(relativePath);
        }

        @Override
        public URI location() {
            return files.location();
        }

        @Override
        public Optional<byte[]> read(String relativePath) {
            return files.read(relativePath);
        }

        @Override
        public Optional<List<String>> list(String relativeDirectory) {
            return Optional.empty();
        }
    }

    private static List<String> results(CheckReport report) {
        return report.results().stream().map(VersionCheck::toString).toList();
    }

    @Test
    void checksEveryPackageNamesJsonLists() {
        FileRegistry directory = FileRegistry.open(SAMPLE);
        FileRegistry unlistable = FileRegistry.open(new Unlistable(RegistrySources.open(SAMPLE.toString(), "test")));
        assertEquals(directory.packageNames(), unlistable.packageNames());
        CheckReport expected = new Resolver(directory).check(directory.packageNames(), VersionPolicy.ONE_PER_PACKAGE);
        CheckReport actual = new Resolver(unlistable).check(unlistable.packageNames(), VersionPolicy.ONE_PER_PACKAGE);
        assertEquals(results(expected), results(actual));
    }

    @Test
    void withoutNamesJsonTheCheckCannotStart() throws IOException {
        Files.createDirectories(dir.resolve("index"));
        Files.copy(SAMPLE.resolve("registry.json"), dir.resolve("registry.json"));
        FileRegistry unlistable = FileRegistry.open(new Unlistable(RegistrySources.open(dir.toString(), "test")));
        CocoatlyException e = assertThrows(CocoatlyException.class, unlistable::packageNames);
        assertEquals(FileRegistry.NAMES_MISSING, e.code());
    }
}
