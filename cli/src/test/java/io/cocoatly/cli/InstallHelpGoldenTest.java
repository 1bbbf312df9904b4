package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The help of the installer commands, pinned in {@code golden/help/<command>.expected.txt}. */
class InstallHelpGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"install", "uninstall", "list", "verify"})
    void helpMatchesItsGoldenFile(String command) throws IOException {
        CliRunner.Result r = CliRunner.in(Path.of(".")).run(command, "--help");
        assertEquals(0, r.exitCode());
        Path golden = Path.of(System.getProperty("cocoatly.repo", "..")).resolve("cli/src/test/resources/golden/help")
                .resolve(command + ".expected.txt");
        if (Boolean.getBoolean("cocoatly.regenerate")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), r.out(), command);
    }
}
