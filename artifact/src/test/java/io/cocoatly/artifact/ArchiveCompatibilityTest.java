package io.cocoatly.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives written by GNU tar and Python's tarfile (see {@code archives/README.md}) pass every
 * check the extractor makes: header checksums, end-of-archive blocks, several gzip members.
 */
class ArchiveCompatibilityTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"gnu.tar.gz", "posix.tar.gz", "python-pax.tar.gz", "gnu-multi-member.tar.gz"})
    void extractsWhatOtherToolsWrite(String name) throws IOException {
        Path archive = root.resolve(name);
        try (InputStream in = ArchiveCompatibilityTest.class.getResourceAsStream("/archives/" + name)) {
            Files.copy(in, archive);
        }
        Path staging = Files.createDirectory(root.resolve("staging"));

        ExtractedPackage pkg = new ArchiveExtractor(ExtractionLimits.defaults()).extract(PackageId.of("p", "1.0.0"),
                archive, staging);

        String longName = "docs/" + "n".repeat(120) + ".txt";
        assertEquals(List.of("README", "bin", "bin/run", "docs", "docs/café.txt", longName, "docs/readme-link"),
                pkg.files().stream().map(ExtractedFile::path).toList());
        assertEquals("hello\n", Files.readString(staging.resolve("README")));
        assertEquals("long\n", Files.readString(staging.resolve(longName)));
        assertEquals("hello\n", Files.readString(staging.resolve("docs/readme-link")));
        assertEquals("rwxr-xr-x", ArchiveExtractorTest.mode(staging.resolve("bin/run")));
    }
}
