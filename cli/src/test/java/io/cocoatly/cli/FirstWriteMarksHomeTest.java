package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.Home;
import io.cocoatly.testkit.PluginJars;
import io.cocoatly.testkit.TestData;
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
    void aPluginThatWritesInTheHomeFindsItMarkedFirst() throws IOException {
        // A project install writes nothing of its own in the home but the cache; a plugin's hook
        // writes its own directory there, which is no name of the home's layout.
        Path home = temp.resolve("plugin-home");
        PluginJars.builder().source("rec.Recorder", "package rec; public class Recorder implements io.cocoatly.plugin.Plugin {"
                + " public void onPostInstall(io.cocoatly.plugin.LifecycleEvent e) { try {"
                + " java.nio.file.Files.createDirectories(e.home().resolve(\"recorder\"));"
                + " java.nio.file.Files.writeString(e.home().resolve(\"recorder/log.txt\"), \"installed\\n\");"
                + " } catch (java.io.IOException x) { throw new java.io.UncheckedIOException(x); } } }")
                .provider("rec.Recorder").write(home.resolve("plugins/recorder.jar"));
        Files.writeString(home.resolve("config.json"), "{\"security\": {\"trusted_keys\": [\""
                + TestData.path("testdata/keys/sample.pub") + "\"]}}");
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.copy(TestData.path("testdata/demo/cocoatly.json"), project.resolve("cocoatly.json"));
        CliRunner cli = new CliRunner(project, Map.of("COCOATLY_HOME", home.toString()));

        CliRunner.Result installed = cli.run("install", "--registry", TestData.path("testdata/registry").toString(), "-q");
        CliRunner.Result set = cli.run("config", "set", "network.timeout_seconds", "60");

        assertEquals(0, installed.exitCode(), installed.err());
        assertEquals("installed\n", Files.readString(home.resolve("recorder/log.txt")));
        assertTrue(Files.isRegularFile(home.resolve(Home.MARKER)), "marked before the hook wrote in it");
        assertEquals(0, set.exitCode(), set.out() + set.err());
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
