package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.ExtractionLimits;
import io.cocoatly.config.Config;
import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Home;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The configuration turned into the pipeline's settings. */
class InstallSettingsTest {

    private final Home home = new Home(Path.of("/h"));

    private Config parse(String json) {
        return ConfigReader.parse(json.getBytes(StandardCharsets.UTF_8), home.configFile(), home);
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

    @Test
    void theLockWaitAndTheDownloadDeadlineComeFromTheConfig() {
        Config c = parse("{\"installer\": {\"lock_timeout_seconds\": 3}, \"network\": {\"min_bytes_per_second\": 100,"
                + " \"deadline_grace_seconds\": 2}}");

        InstallSettings s = InstallSettings.from(c);

        assertEquals(java.time.Duration.ofSeconds(3), s.lockTimeout());
        assertEquals(100, s.download().minBytesPerSecond());
        assertEquals(java.util.Optional.of(java.time.Duration.ofSeconds(2 + 10)), s.download().deadline(1000));
        assertEquals(java.time.Duration.ofSeconds(120), InstallSettings.from(parse("{}")).lockTimeout());
    }

    @Test
    void configuredLimitsReplaceOnlyTheDefaultsTheyName() {
        Config c = parse("{\"installer\": {\"max_package_bytes\": 1000, \"max_path_depth\": 5}}");

        assertEquals(ExtractionLimits.defaults().withMaxTotalBytes(1000).withMaxDepth(5),
                InstallSettings.from(c).limits());
        assertEquals(ExtractionLimits.defaults(), InstallSettings.from(parse("{}")).limits());
    }
}
