package io.cocoatly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code credentials.json}: owner-only, atomic, keyed by base URL; and no token in {@code config.json}. */
class CredentialsTest {

    private static final String URL = "https://registry.example/team/";
    private static final String SECRET = "cocoatly_abcDEF123";

    @TempDir
    Path dir;

    @Test
    void aTokenIsStoredOwnerOnlyReadBackAndRemoved() throws IOException {
        Home home = new Home(dir.resolve("home"));

        Credentials stored = Credentials.read(home).put(URL, SECRET).put("http://127.0.0.1:8080/", "other");

        Path file = home.root().resolve("credentials.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("{\n  \"registries\": {\n    \"http://127.0.0.1:8080/\": {\n      \"token\": \"other\"\n    },\n"
                + "    \"" + URL + "\": {\n      \"token\": \"" + SECRET + "\"\n    }\n  }\n}\n", Files.readString(file));
        assertEquals(Optional.of(SECRET), Credentials.read(home).token(URL));
        assertFalse(stored.toString().contains(SECRET), stored.toString());

        Credentials.read(home).remove(URL);
        assertEquals(Optional.empty(), Credentials.read(home).token(URL));
        assertEquals(List.of("http://127.0.0.1:8080/"), Credentials.read(home).registries());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void noFileMeansNoTokens() {
        assertEquals(List.of(), Credentials.read(new Home(dir)).registries());
    }

    @Test
    void aMalformedFileNamesTheFileAndPathButNoToken() throws IOException {
        Files.writeString(dir.resolve("credentials.json"), "{\"registries\": {\"" + URL + "\": {\"tokn\": \"" + SECRET + "\"}}}");

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> Credentials.read(new Home(dir)));

        assertEquals("invalid-credentials", e.code());
        assertTrue(e.getMessage().contains(dir.resolve("credentials.json").toString()), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aTokenInConfigJsonIsIgnoredWithAWarningThatDoesNotQuoteIt() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"registry\": {\"token\": \"" + SECRET + "\"}}");

        Config config = ConfigReader.read(new Home(dir));

        assertEquals(List.of(file + ": $.registry.token: a token is never read from a config file, ignored:"
                + " `cocoatly login` keeps it in the home's credentials.json, or set COCOATLY_REGISTRY_TOKEN;"
                + " remove it from this file"), config.warnings().stream().map(ConfigWarning::text).toList());
    }

    @Test
    void theTokenVariableIsNotASettingAndRaisesNoWarning() {
        Config config = ConfigLayers.of(new Home(dir)).withEnvironment(Map.of("COCOATLY_REGISTRY_TOKEN", SECRET,
                "COCOATLY_NETWORK_OFFLINE", "true"), dir).read();

        assertEquals(List.of(), config.warnings());
        assertTrue(config.network().offline());
    }

    @Test
    void offlineIsOffByDefaultAndReadFromTheFile() throws IOException {
        assertFalse(ConfigReader.read(new Home(dir)).network().offline());
        Files.writeString(dir.resolve("config.json"), "{\"network\": {\"offline\": true}}");

        Config config = ConfigReader.read(new Home(dir));

        assertEquals(new Config.Network(8, Duration.ofSeconds(30), 3, Optional.empty(), 4096, Duration.ofSeconds(60), true),
                config.network());
    }
}
