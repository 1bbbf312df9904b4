package io.cocoatly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Setting and unsetting one key: converted as a variable is, checked before writing, the rest kept. */
class ConfigEditorTest {

    @TempDir
    Path dir;

    private Home home;

    @BeforeEach
    void setUp() {
        home = new Home(dir.resolve("home"));
    }

    @Test
    void setKeepsUnknownKeysAndTheOrderOfEverything() throws IOException {
        Files.createDirectories(home.root());
        Files.writeString(home.configFile(), "{\"zeta\": {\"x\": 1}, \"network\": {\"retries\": 5, \"future_key\": \"y\"},"
                + " \"alpha\": true}");
        ConfigEdit edit = ConfigEditor.home(home).set("network.timeout_seconds", "60");
        assertEquals(new ConfigEdit(home.configFile(), "network.timeout_seconds", Optional.empty(), Optional.of("60"), true),
                edit);
        assertEquals("{\n  \"zeta\": {\n    \"x\": 1\n  },\n  \"network\": {\n    \"retries\": 5,\n    \"future_key\": \"y\",\n"
                + "    \"timeout_seconds\": 60\n  },\n  \"alpha\": true\n}\n", Files.readString(home.configFile()));
        ConfigEditor.home(home).set("network.retries", "7");
        assertTrue(Files.readString(home.configFile()).contains("\"retries\": 7,\n    \"future_key\""));
        assertEquals(60, ConfigReader.read(home).network().timeout().toSeconds());
    }

    @Test
    void anEditedFileKeepsItsModeAndARemovedTokenIsNotShown() throws IOException {
        Files.createDirectories(home.root());
        Files.writeString(home.configFile(), "{\"network\": {\"proxy\": \"http://me:secret@proxy:3128\"}, \"registry\": {\"token\": \"cocoatly_s3cr3t\"}}");
        Files.setPosixFilePermissions(home.configFile(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        ConfigEdit edit = ConfigEditor.home(home).unset("registry.token");
        assertEquals(Optional.of("\"***\""), edit.before());
        ConfigEditor.home(home).set("network.retries", "3");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.configFile())));
    }

    @Test
    void valuesAreReadAsEnvironmentVariablesAre() throws IOException {
        ConfigEditor editor = ConfigEditor.home(home);
        editor.set("network.offline", "true");
        editor.set("security.checksum", "[\"sha256\", \"blake3\"]");
        editor.set("registry.url", "https://registry.example/");
        editor.set("cache.max_size", "2GiB");
        editor.set("cache.max_age", "30");
        Config config = ConfigReader.read(home);
        assertTrue(config.network().offline());
        assertEquals(List.of("sha256", "blake3"), config.security().checksums());
        assertEquals(Optional.of("https://registry.example/"), config.registry().url());
        assertEquals(OptionalLong.of(2L << 30), config.cache().maxSize());
        assertEquals(Optional.of(Duration.ofDays(30)), config.cache().maxAge());
        assertTrue(Files.isRegularFile(home.root().resolve(Home.MARKER)), "the new home is marked as Cocoatly's");
    }

    @Test
    void anInvalidValueIsRefusedAndTheFileLeftAsItWas() throws IOException {
        Files.createDirectories(home.root());
        String before = "{\"network\":{\"retries\":5}}";
        Files.writeString(home.configFile(), before);
        CocoatlyException text = assertThrows(CocoatlyException.class,
                () -> ConfigEditor.home(home).set("network.timeout_seconds", "abc"));
        assertEquals("invalid-config", text.code());
        assertEquals(home.configFile() + ": $.network.timeout_seconds: expected an integer from 1 to 3600, found `abc`",
                text.getMessage());
        InvalidFileException range = assertThrows(InvalidFileException.class,
                () -> ConfigEditor.home(home).set("network.timeout_seconds", "0"));
        assertEquals("$.network.timeout_seconds", range.jsonPath());
        assertEquals("expected an integer from 1 to 3600, found 0", range.problem());
        InvalidFileException size = assertThrows(InvalidFileException.class,
                () -> ConfigEditor.home(home).set("cache.max_size", "12 parsecs"));
        assertEquals("expected a size like 500MB, 2GiB or a number of bytes, found `12 parsecs`", size.problem());
        assertEquals(before, Files.readString(home.configFile()));
        try (var files = Files.list(home.root())) {
            assertEquals(List.of("config.json"), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
    }

    @Test
    void anUnknownKeyIsRefusedWithTheClosestOne() {
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> ConfigEditor.home(home).set("network.timout_seconds", "5"));
        assertEquals(ConfigEditor.UNKNOWN_KEY, e.code());
        assertEquals("unknown setting `network.timout_seconds`", e.getMessage());
        assertEquals(List.of("did you mean `network.timeout_seconds`?"), e.hints());
        assertEquals(List.of("did you mean `cache.max_size`?"), assertThrows(CocoatlyException.class,
                () -> ConfigEditor.home(home).set("max_size", "5")).hints());
        assertFalse(Files.exists(home.configFile()));
    }

    @Test
    void aProjectMayNotSetWhatOnlyTheUserMay() throws IOException {
        Path project = Files.createDirectories(dir.resolve("app"));
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> ConfigEditor.project(home, project).set("cache.max_size", "1GB"));
        assertEquals("a project's config may not set `cache.max_size`: " + ConfigLayers.projectFile(project), e.getMessage());
        ConfigEdit edit = ConfigEditor.project(home, project).set("network.retries", "1");
        assertEquals(ConfigLayers.projectFile(project), edit.file());
        assertEquals("{\n  \"network\": {\n    \"retries\": 1\n  }\n}\n", Files.readString(edit.file()));
    }

    @Test
    void unsetRemovesTheKeyAndAnEmptiedSection() throws IOException {
        Files.createDirectories(home.root());
        Files.writeString(home.configFile(), "{\"network\": {\"retries\": 5, \"timeout\": 3}, \"cache\": {\"max_age\": \"7d\"}}");
        ConfigEditor editor = ConfigEditor.home(home);
        assertEquals(Optional.of("\"7d\""), editor.unset("cache.max_age").before());
        // A key this version does not know, but the file has: a typo to clean up.
        assertTrue(editor.unset("network.timeout").written());
        assertEquals("{\n  \"network\": {\n    \"retries\": 5\n  }\n}\n", Files.readString(home.configFile()));
        assertFalse(editor.unset("network.timeout_seconds").written(), "not set: nothing to write");
        assertEquals(ConfigEditor.UNKNOWN_KEY, assertThrows(CocoatlyException.class, () -> editor.unset("network.nope")).code());
    }

    @Test
    void settingTheSameValueAgainWritesNothing() throws IOException {
        ConfigEditor editor = ConfigEditor.home(home);
        assertTrue(editor.set("network.retries", "4").written());
        assertFalse(editor.set("network.retries", " 4 ").written());
    }

    @Test
    void aTokenIsNeverWrittenIntoAConfigFile() {
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> ConfigEditor.home(home).set("registry.token", "cocoatly_secret"));
        assertEquals("a token is never a setting: `registry.token`", e.getMessage());
        assertEquals(List.of("`cocoatly login` keeps it in the home's credentials.json, or set COCOATLY_REGISTRY_TOKEN"),
                e.hints());
        assertFalse(Files.exists(home.configFile()));
    }

    @Test
    void aPasswordInAUrlIsNeverShown() {
        ConfigEdit edit = ConfigEditor.home(home).set("network.proxy", "http://me:s3cret@proxy.example:3128");
        assertEquals(Optional.of("\"http://me:***@proxy.example:3128\""), edit.after());
    }
}
