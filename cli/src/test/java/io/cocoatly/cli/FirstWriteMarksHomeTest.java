package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whichever command writes in a new home first leaves it a home that every later command takes as
 * Cocoatly's. {@code login} once wrote {@code credentials.json} into an unmarked home, and every
 * command after it that changes the home refused it as "not a Cocoatly home".
 */
class FirstWriteMarksHomeTest {

    @TempDir
    Path temp;

    @Test
    void aFirstLoginMarksTheHomeAndLaterCommandsUseIt() throws IOException {
        Path home = temp.resolve("new-home");
        CliRunner cli = new CliRunner(temp, Map.of("COCOATLY_HOME", home.toString()));

        CliRunner.Result login = cli.runWithInput("cocoatly_team-token\n", "login", "--registry", "https://registry.example/team/");
        CliRunner.Result set = cli.run("config", "set", "network.timeout_seconds", "60");

        assertEquals(0, login.exitCode(), login.out() + login.err());
        assertTrue(Files.isRegularFile(home.resolve(Home.MARKER)), "login marked the home it wrote in");
        assertEquals(0, set.exitCode(), set.out() + set.err());
        assertTrue(Files.readString(home.resolve("config.json")).contains("60"));
    }

    @Test
    void anUnmarkedHomeHoldingOnlyWhatCocoatlyWritesIsAdopted() throws IOException {
        // As an earlier build's `login`, `daemon start` or `registry serve --db embedded` left it.
        Path home = temp.resolve("earlier-home");
        Files.createDirectories(home.resolve("daemon"));
        Files.createDirectories(home.resolve("registry-db"));
        Files.createDirectories(home.resolve("registry-artifacts"));
        Files.writeString(home.resolve("credentials.json"), "{\"registries\": {}}");

        CliRunner.Result set = new CliRunner(temp, Map.of("COCOATLY_HOME", home.toString()))
                .run("config", "set", "network.timeout_seconds", "60");

        assertEquals(0, set.exitCode(), set.out() + set.err());
        assertTrue(Files.isRegularFile(home.resolve(Home.MARKER)));
    }
}
