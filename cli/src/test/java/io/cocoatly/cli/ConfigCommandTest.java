package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cocoatly config}: the layers with their origins, and edits of the home's and the project's file. */
class ConfigCommandTest {

    @TempDir
    Path dir;

    private Path home;
    private Path project;
    private Path subdir;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        project = Files.createDirectories(dir.resolve("app"));
        subdir = Files.createDirectories(project.resolve("src/deep"));
        Files.writeString(project.resolve("cocoatly.json"), "{\"name\": \"app\", \"version\": \"0.1.0\"}");
    }

    private CliRunner cli(Path cwd, Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(Map.of("COLUMNS", "100", "COCOATLY_HOME", home.toString(),
                "HOME", dir.toString()));
        env.putAll(variables);
        return new CliRunner(cwd, env);
    }

    private String masked(String text) {
        return text.replace(dir.toString(), "<dir>");
    }

    @Test
    void listShowsEveryValueWithItsOriginInTheNearestProject() throws IOException {
        Files.writeString(home.resolve("config.json"), "{\"network\": {\"retries\": 5, \"timeout_seconds\": 10},"
                + " \"cache\": {\"max_size\": \"2GiB\"}, \"netwrk\": {}}");
        Files.createDirectories(project.resolve(".cocoatly"));
        Files.writeString(project.resolve(".cocoatly/config.json"), "{\"network\": {\"timeout_seconds\": 20}}");
        CliRunner cli = cli(subdir, Map.of("COCOATLY_CACHE_MAX_AGE", "30d", "COCOATLY_REGISTRY_TOKEN", "cocoatly_secret",
                "COCOATLY_NETWORK_PROXY", "http://me:s3cret@proxy.example:3128"));

        CliRunner.Result text = cli.run("config", "list", "--registry", "https://registry.example/");
        assertEquals(0, text.exitCode(), text::err);
        GoldenFile.assertMatches("config/list", masked(text.out()));
        assertEquals("warning: <dir>/home/config.json: $.netwrk: unknown key `netwrk`, ignored; did you"
                + " mean `network`?\n", masked(text.err()));
        CliRunner.Result json = cli.run("config", "list", "--registry", "https://registry.example/", "--json");
        assertEquals(0, json.exitCode());
        GoldenFile.assertFileMatches("config/list.json", masked(json.out()));
        assertFalse(text.out().contains("secret") || json.out().contains("secret"), "no token, no password");
    }

    @Test
    void getPrintsOneValueAndRefusesAnUnknownKey() throws IOException {
        Files.writeString(home.resolve("config.json"), "{\"registry\": {\"url\": \"https://registry.example/\"}}");
        CliRunner cli = cli(dir, Map.of("COCOATLY_NETWORK_RETRIES", "7"));
        assertEquals("https://registry.example/\n", cli.run("config", "get", "registry.url").out());
        assertEquals("7\n", cli.run("config", "get", "network.retries").out());
        assertEquals("[\"sha256\"]\n", cli.run("config", "get", "security.checksum").out());
        GoldenFile.assertFileMatches("config/get.json", masked(cli.run("config", "get", "network.retries", "--json").out()));

        CliRunner.Result unknown = cli.run("config", "get", "network.retry");
        assertEquals(2, unknown.exitCode());
        assertEquals("error: unknown setting `network.retry`\nhint: did you mean `network.retries`?\n", unknown.err());
        CliRunner.Result unknownJson = cli.run("config", "get", "network.retry", "--json");
        assertEquals(2, unknownJson.exitCode());
        GoldenFile.assertFileMatches("config/get-unknown.json", unknownJson.out());
    }

    @Test
    void setAndUnsetEditTheHomeFileKeepingWhatTheyDoNotTouch() throws IOException {
        Path file = home.resolve("config.json");
        Files.writeString(file, "{\"zeta\": 1, \"network\": {\"retries\": 5}}");
        CliRunner cli = cli(subdir, Map.of());

        CliRunner.Result set = cli.run("config", "set", "network.timeout_seconds", "60");
        assertEquals(0, set.exitCode(), set::err);
        assertEquals("", set.out());
        assertEquals("set network.timeout_seconds = 60 in <dir>/home/config.json\n", masked(set.err()));
        assertEquals("{\n  \"zeta\": 1,\n  \"network\": {\n    \"retries\": 5,\n    \"timeout_seconds\": 60\n  }\n}\n",
                Files.readString(file));
        assertEquals("60\n", cli.run("config", "get", "network.timeout_seconds").out());
        assertEquals("network.timeout_seconds is 60 in <dir>/home/config.json already\n",
                masked(cli.run("config", "set", "network.timeout_seconds", "60").err()));

        String before = Files.readString(file);
        CliRunner.Result invalid = cli.run("config", "set", "network.timeout_seconds", "0");
        assertEquals(2, invalid.exitCode());
        assertEquals("error: <dir>/home/config.json: $.network.timeout_seconds: expected an integer from 1 to 3600,"
                + " found 0\n", masked(invalid.err()));
        assertEquals(before, Files.readString(file), "an invalid value is never written");

        CliRunner.Result unset = cli.run("config", "unset", "network.timeout_seconds", "--json");
        assertEquals(0, unset.exitCode());
        GoldenFile.assertFileMatches("config/unset.json", masked(unset.out()));
        assertEquals("{\n  \"zeta\": 1,\n  \"network\": {\n    \"retries\": 5\n  }\n}\n", Files.readString(file));
    }

    @Test
    void projectEditsTheNearestProjectsFile() throws IOException {
        CliRunner cli = cli(subdir, Map.of());
        assertEquals("<dir>/app/.cocoatly/config.json\n", masked(cli.run("config", "path", "--project").out()));
        assertEquals("<dir>/home/config.json\n", masked(cli.run("config", "path").out()));
        CliRunner.Result set = cli.run("config", "set", "--project", "network.retries", "1", "--json");
        assertEquals(0, set.exitCode(), set::out);
        GoldenFile.assertFileMatches("config/set-project.json", masked(set.out()));
        assertEquals("{\n  \"network\": {\n    \"retries\": 1\n  }\n}\n",
                Files.readString(project.resolve(".cocoatly/config.json")));

        CliRunner.Result userOnly = cli.run("config", "set", "--project", "cache.max_size", "1GB");
        assertEquals(2, userOnly.exitCode());
        assertEquals("error: a project's config may not set `cache.max_size`: <dir>/app/.cocoatly/config.json\n"
                + "hint: set it in the home's config.json: `cocoatly config set --global cache.max_size ...`\n",
                masked(userOnly.err()));
        CliRunner.Result both = cli.run("config", "path", "--project", "--global");
        assertEquals(2, both.exitCode());

        CliRunner.Result outside = cli(dir, Map.of()).run("config", "path", "--project");
        assertEquals(2, outside.exitCode());
        assertEquals("error: no cocoatly.json in `<dir>` or any parent directory\nhint: run the command inside a project,"
                + " or use `--global` for the home's config.json\n", masked(outside.err()));
    }
}
