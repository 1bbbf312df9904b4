package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.FileServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install, list, verify and uninstall in process, against a real signed directory registry. */
class InstallCommandTest {

    @TempDir
    Path dir;

    private InstallFixture fixture;
    private Path registry;
    private Path project;
    private Path home;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        fixture = InstallFixture.in(dir);
        fixture.registry().add("b", "1.0.0", files("b", "1.0.0"));
        fixture.registry().add("a", "1.0.0", files("a", "1.0.0"), "b@1.0.0");
        registry = fixture.registryDir();
        home = fixture.home();
        project = fixture.project("{\"a\": \"^1.0\"}");
        cli = fixture.cli(project);
    }

    /** A text file saying who the package is, and a script in {@code bin/}. */
    private static Map<String, String> files(String name, String version) {
        return Map.of(name + ".txt", name + " " + version + "\n", "bin/" + name, "#!/bin/sh\necho " + name + "\n");
    }

    @Test
    void projectInstallLocksFirstThenAppliesAndIsANoOpTheSecondTime() throws IOException {
        CliRunner.Result r = cli.run("install", "--registry", registry.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("+ a 1.0.0\n+ b 1.0.0\nInstalled 2 packages (2 downloaded, "), r.out());
        assertTrue(r.err().contains("wrote cocoatly-lock.json"), r.err());
        assertTrue(r.err().contains("downloaded a@1.0.0"), r.err());
        assertTrue(Files.exists(project.resolve("cocoatly-lock.json")));
        assertEquals("a 1.0.0\n", Files.readString(project.resolve(".cocoatly/packages/a/1.0.0/a.txt")));

        CliRunner.Result again = cli.run("install", "--locked", "--registry", registry.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals("Nothing to do: 2 packages up to date.\n", again.out());
        assertEquals(0, cli.run("verify", "--project").exitCode());

        // In a project directory, list and verify look at the project's installation by default.
        CliRunner.Result list = cli.run("list");
        assertTrue(list.out().startsWith("a 1.0.0  (local)  " + project.resolve(".cocoatly/packages/a/1.0.0")),
                list.out());
        assertEquals("Nothing installed.\n", cli.run("list", "--global").out());
        Files.writeString(project.resolve(".cocoatly/packages/a/1.0.0/a.txt"), "tampered\n");
        assertEquals("changed  a@1.0.0 a.txt\nok       b@1.0.0\n", cli.run("verify").out());
    }

    @Test
    void lockedWithoutALockfileIsExitThree() {
        CliRunner.Result r = cli.run("install", "--locked", "--registry", registry.toString());

        assertEquals(3, r.exitCode());
        assertTrue(r.err().startsWith("error: no lockfile at `cocoatly-lock.json`"), r.err());
        assertFalse(Files.exists(project.resolve(".cocoatly/state.json")));
    }

    @Test
    void globalInstallListVerifyUninstall() throws IOException {
        CliRunner.Result r = cli.run("install", "a@^1.0", "--registry", registry.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(Files.readString(home.resolve("global.json")).replaceAll("\\s", "").contains("\"a\":\"^1.0\""));

        CliRunner.Result list = cli.run("list", "--global");
        assertEquals(0, list.exitCode());
        assertTrue(list.out().startsWith("a 1.0.0  (local)  " + home.resolve("packages/a/1.0.0")), list.out());

        Files.writeString(home.resolve("packages/b/1.0.0/b.txt"), "tampered\n");
        CliRunner.Result verify = cli.run("verify", "--global");
        assertEquals(1, verify.exitCode());
        assertEquals("ok       a@1.0.0\nchanged  b@1.0.0 b.txt\n", verify.out());

        CliRunner.Result refused = cli.run("uninstall", "b");
        assertEquals(4, refused.exitCode());
        assertTrue(refused.err().contains("`a@1.0.0` needs `b@1.0.0`"), refused.err());
        assertTrue(refused.err().contains("hint: uninstall those packages too, or pass `--force`"), refused.err());

        CliRunner.Result removed = cli.run("uninstall", "a");
        assertEquals(0, removed.exitCode(), removed.err());
        assertEquals("- a 1.0.0\n- b 1.0.0 (no longer needed)\n", removed.out());
        assertFalse(Files.exists(home.resolve("packages/a")));
        assertFalse(Files.exists(home.resolve("packages/b/1.0.0/b.txt")));
    }

    @Test
    void jsonEnvelopeCarriesThePlanAndTheOutcome() {
        CliRunner.Result r = cli.run("install", "--json", "--registry", registry.toString());

        assertEquals(0, r.exitCode(), r.err());
        String compact = r.out().replaceAll("\\s", "");
        assertTrue(compact.startsWith("{\"success\":true,\"data\":{\"installation\":"), r.out());
        assertTrue(compact.contains("\"diff\":[\"+a1.0.0\",\"+b1.0.0\"]"), r.out());
        assertTrue(compact.contains("{\"name\":\"a\",\"version\":\"1.0.0\",\"action\":\"install\",\"fetch\":\"download\""),
                r.out());
        assertTrue(compact.endsWith("\"error\":null}"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void artifactsComeFromTheHttpRegistryTheLockfileNames() throws IOException {
        assertEquals(0, cli.run("lock", "--registry", registry.toString()).exitCode());
        try (FileServer server = FileServer.of(registry)) {
            // What a lock against the server would record: its URL as the source's location.
            Path lockfile = project.resolve("cocoatly-lock.json");
            String base = server.uri().toString();
            Files.writeString(lockfile, Files.readString(lockfile).replace(registry.toUri().toString(),
                    base.endsWith("/") ? base : base + "/"));
            CliRunner.Result r = cli.run("install");

            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().startsWith("+ a 1.0.0\n+ b 1.0.0\nInstalled 2 packages (2 downloaded, "), r.out());
            assertEquals(2, server.requests());
        }
        assertEquals("a 1.0.0\n", Files.readString(project.resolve(".cocoatly/packages/a/1.0.0/a.txt")));
    }

    @Test
    void configurationWarningsAreTextOnStderrAndDataUnderJson() throws IOException {
        Files.writeString(home.resolve("config.json"), Files.readString(home.resolve("config.json"))
                .replace("{\"security\"", "{\"network\": {\"timeout\": 5}, \"security\""));
        String warning = home.resolve("config.json") + ": $.network.timeout: unknown key `timeout`, ignored;"
                + " did you mean `timeout_seconds`?";

        CliRunner.Result text = cli.run("install", "--registry", registry.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.err().startsWith("warning: " + warning + "\n"), text.err());
        // -q is errors only, as in cargo.
        CliRunner.Result quiet = cli.run("install", "--registry", registry.toString(), "--quiet");
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertEquals("", quiet.err());

        CliRunner.Result json = cli.run("install", "--registry", registry.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(List.of(warning), List.of(Json.mapper().readTree(json.out()).get("data").get("warnings").get(0).asText()));
        assertEquals("", json.err());
    }

    @Test
    void aWrongSettingsVariableIsInvalidInputNamingTheVariable() {
        CliRunner wrong = fixture.cli(project, Map.of("COCOATLY_NETWORK_TIMEOUT_SECONDS", "abc"));

        CliRunner.Result r = wrong.run("install", "--registry", registry.toString());

        assertEquals(2, r.exitCode());
        assertEquals("error: COCOATLY_NETWORK_TIMEOUT_SECONDS: expected an integer from 1 to 3600, found `abc`\n", r.err());
        assertFalse(Files.exists(project.resolve("cocoatly-lock.json")));
    }
}
