package io.cocoatly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.InvalidFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The {@code installer} section of config.json. */
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
        assertEquals(new Config.PackageLimits(OptionalLong.of(1000), OptionalInt.of(10), OptionalInt.of(200),
                OptionalInt.of(5)), c.installer().limits());
    }

    @Test
    void defaultsAreTheBuiltInInstallerAndDefaultLimits() {
        Config c = parse("{}");

        assertEquals(Optional.empty(), c.installer().command());
        assertEquals(Config.PackageLimits.none(), c.installer().limits());
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
}
