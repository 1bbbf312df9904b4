package io.cocoatly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code plugins} section of config.json: which plugins are off, and the time limit of a hook call. */
class ConfigPluginsSectionTest {

    @TempDir
    Path dir;

    private Config parse(String json) {
        Home home = new Home(dir.resolve("home"));
        return ConfigReader.parse(json.getBytes(StandardCharsets.UTF_8), home.configFile(), home);
    }

    @Test
    void byDefaultNothingIsDisabledAndAHookHasAMinute() {
        assertEquals(Config.Plugins.defaults(), parse("{}").plugins());
        assertEquals(new Config.Plugins(List.of(), Duration.ofSeconds(60)), parse("{\"plugins\": {}}").plugins());
    }

    @Test
    void disabledNamesAndTheTimeLimitAreRead() {
        Config c = parse("{\"plugins\": {\"disabled\": [\"audit\", \"shell-hooks\"], \"timeout_seconds\": 5}}");

        assertEquals(new Config.Plugins(List.of("audit", "shell-hooks"), Duration.ofSeconds(5)), c.plugins());
    }

    @Test
    void badValuesAreErrorsNamingWhere() {
        InvalidFileException notArray = assertThrows(InvalidFileException.class,
                () -> parse("{\"plugins\": {\"disabled\": \"audit\"}}"));
        assertEquals("$.plugins.disabled", notArray.jsonPath());
        InvalidFileException twice = assertThrows(InvalidFileException.class,
                () -> parse("{\"plugins\": {\"disabled\": [\"audit\", \"audit\"]}}"));
        assertEquals("$.plugins.disabled[1]", twice.jsonPath());
        assertEquals("`audit` is listed twice", twice.problem());
        InvalidFileException empty = assertThrows(InvalidFileException.class,
                () -> parse("{\"plugins\": {\"disabled\": [\"\"]}}"));
        assertEquals("must not be empty", empty.problem());
        InvalidFileException zero = assertThrows(InvalidFileException.class,
                () -> parse("{\"plugins\": {\"timeout_seconds\": 0}}"));
        assertEquals("$.plugins.timeout_seconds", zero.jsonPath());
        assertThrows(InvalidFileException.class, () -> parse("{\"plugins\": {\"timeout_seconds\": 86401}}"));
    }

    @Test
    void theEnvironmentSetsThemAndAProjectMayNot() throws IOException {
        Home home = new Home(Files.createDirectories(dir.resolve("home")));
        Path project = Files.createDirectories(dir.resolve("app/.cocoatly")).getParent();
        Files.writeString(home.configFile(), "{\"plugins\": {\"disabled\": [\"audit\"]}}");
        Files.writeString(ConfigLayers.projectFile(project),
                "{\"plugins\": {\"disabled\": [\"policy\"], \"timeout_seconds\": 3600}}");

        Config fromFiles = ConfigLayers.of(home).withProject(project).read();
        assertEquals(new Config.Plugins(List.of("audit"), Duration.ofSeconds(60)), fromFiles.plugins());
        String file = ConfigLayers.projectFile(project) + ": ";
        String ignored = "`, ignored; set it in the home's config.json or the environment";
        assertEquals(List.of(file + "$.plugins.disabled: a project's config may not set `plugins.disabled" + ignored,
                file + "$.plugins.timeout_seconds: a project's config may not set `plugins.timeout_seconds" + ignored),
                fromFiles.warnings().stream().map(ConfigWarning::text).toList());

        Config fromEnv = ConfigLayers.of(home).withEnvironment(Map.of("COCOATLY_PLUGINS_DISABLED", "[\"x\", \"y\"]",
                "COCOATLY_PLUGINS_TIMEOUT_SECONDS", "2"), dir).read();
        assertEquals(new Config.Plugins(List.of("x", "y"), Duration.ofSeconds(2)), fromEnv.plugins());
        assertEquals(new ConfigOrigin.Environment("COCOATLY_PLUGINS_TIMEOUT_SECONDS"), fromEnv.origin("plugins.timeout_seconds"));
        CocoatlyException bad = assertThrows(CocoatlyException.class, () -> ConfigLayers.of(home)
                .withEnvironment(Map.of("COCOATLY_PLUGINS_TIMEOUT_SECONDS", "soon"), dir).read());
        assertEquals("invalid-config", bad.code());
    }
}
