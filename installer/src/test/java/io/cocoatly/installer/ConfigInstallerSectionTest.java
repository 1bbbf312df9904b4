package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.InvalidFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code installer} section of config.json, and config turned into the pipeline's settings. */
class ConfigInstallerSectionTest {

    private final Home home = new Home(Path.of("/h"));

    private Config parse(String json) {
        return ConfigReader.parse(json.getBytes(StandardCharsets.UTF_8), home.configFile(), home);
    }

    @Test
    void commandAndLimitsAreRead() {
        Config c = parse("{\"installer\": {\"command\": [\"/opt/x/installer\", \"--fast\"], \"max_package_bytes\": 1000,"
                + " \"max_package_entries\": 10, \"max_path_bytes\": 200, \"max_path_depth\": 5}}");

        assertEquals(Optional.of(List.of("/opt/x/installer", "--fast")), c.installer().command());
        assertEquals(ExtractionLimits.defaults().withMaxTotalBytes(1000).withMaxEntries(10).withMaxPathBytes(200)
                .withMaxDepth(5), c.installer().limits());
    }

    @Test
    void defaultsAreTheBuiltInInstallerAndDefaultLimits() {
        Config c = parse("{}");

        assertEquals(Optional.empty(), c.installer().command());
        assertEquals(ExtractionLimits.defaults(), c.installer().limits());
    }

    @Test
    void aCommandMustBeAnArgumentVector() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> parse("{\"installer\": {\"command\": \"my-installer --fast\"}}"));

        assertEquals("$.installer.command", e.jsonPath());
        InvalidFileException empty = assertThrows(InvalidFileException.class,
                () -> parse("{\"installer\": {\"command\": []}}"));
        assertEquals("an installer command needs a program to run", empty.problem());
    }

    @Test
    void settingsCarryTheSecurityAndNetworkChoices() {
        Config c = parse("{\"security\": {\"require_signatures\": false, \"checksum\": [\"sha256\", \"blake3\"]},"
                + " \"network\": {\"max_concurrent_downloads\": 3, \"retries\": 1}, \"storage\": {\"install_dir\": \"pk\"}}");

        InstallSettings s = InstallSettings.from(c);

        assertEquals(EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.BLAKE3), s.policy().requiredDigests());
        assertEquals(false, s.policy().requireSignatures());
        assertEquals(3, s.download().maxConcurrent());
        assertEquals(1, s.download().retries());
        assertEquals(Path.of("/h/pk"), s.installDir());
    }
}
