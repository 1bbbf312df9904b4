package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.testkit.FileServer;
import io.cocoatly.testkit.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download deadline set in {@code config.json} ({@code network.min_bytes_per_second},
 * {@code network.deadline_grace_seconds}) reaches the installer's downloads: a server that pauses
 * 2 s after each 256 bytes, well inside the 30 s read timeout, fails the install at the deadline
 * (1 s, as the artifact takes 4 ms at the minimum rate) with an error naming the package, and
 * nothing is installed. Without the deadline it would take about a minute.
 */
class DownloadDeadlineTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aServerSlowerThanTheMinimumRateFailsTheInstallAtTheDeadline() throws Exception {
        TestRegistry registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        // Random text, so that the artifact stays several 256-byte chunks long once compressed.
        StringBuilder random = new StringBuilder();
        java.util.Random r = new java.util.Random(10);
        while (random.length() < 8192) {
            random.append(Long.toHexString(r.nextLong()));
        }
        registry.add("c", "1.0.0", java.util.Map.of("data.txt", random.toString()));
        Home home = new Home(dir.resolve("home")).create();
        Files.writeString(home.configFile(), "{\"security\": {\"trusted_keys\": [\"" + registry.key().publicKey().base64()
                + "\"]}, \"network\": {\"retries\": 1, \"min_bytes_per_second\": 1000000, \"deadline_grace_seconds\": 1}}");
        LocalInstaller installer = new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)));
        try (FileServer server = new FileServer(registry.root(), 2000)) {

            CocoatlyException e = assertThrows(CocoatlyException.class, () -> installer.apply(
                    new InstallRequest(registry.lockfile("c@1.0.0"), Optional.of(server.uri())), InstallListener.NONE));

            assertEquals("download-too-slow", e.code());
            assertTrue(e.getMessage().startsWith("`c@1.0.0` could not be downloaded: GET " + server.uri()), e.getMessage());
            assertTrue(e.getMessage().contains(": too slow: not complete after 1.0 s, the deadline for "), e.getMessage());
            assertTrue(e.getMessage().endsWith(" bytes at the minimum rate of 1000000 bytes/s plus 1 s of grace"), e.getMessage());
        }
        assertFalse(Files.exists(home.stateFile()));
        assertFalse(Files.exists(home.packagesDir().resolve("c")));
    }
}
