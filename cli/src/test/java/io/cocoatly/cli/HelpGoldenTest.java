package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The help of the publishing commands, pinned in {@code golden/help/<command>.expected.txt}. */
class HelpGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"keygen", "publish", "yank", "registry", "registry init"})
    void helpMatchesItsGoldenFile(String command) throws IOException {
        CliRunner.Result r = CliRunner.in(Path.of(".")).run((command + " --help").split(" "));
        assertEquals(0, r.exitCode());
        Path golden = Path.of(System.getProperty("cocoatly.repo", "..")).resolve("cli/src/test/resources/golden/help")
                .resolve(command.replace(' ', '-') + ".expected.txt");
        if (Boolean.getBoolean("cocoatly.regenerate")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), r.out(), command);
    }
}
