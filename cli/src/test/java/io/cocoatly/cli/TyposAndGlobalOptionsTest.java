package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typos get one message with the nearest command or option; {@code -q}, {@code -v} and
 * {@code --color} work before or after any command; colour where cargo and uv put it, never in JSON.
 * Escape sequences are shown as {@code <ESC>} in the golden files.
 */
class TyposAndGlobalOptionsTest {

    @TempDir
    Path dir;

    private InstallFixture fixture;
    private Path project;

    @BeforeEach
    void setUp() throws IOException {
        fixture = InstallFixture.in(dir);
        fixture.registry().add("b", "1.0.0", Map.of("b.txt", "b\n"));
        fixture.registry().add("a", "1.0.0", Map.of("a.txt", "a\n"), "b@1.0.0");
        project = fixture.project("{\"a\": \"^1.0\"}");
    }

    private CliRunner.Result run(String... args) {
        return fixture.cli(project).run(args);
    }

    private static String visible(String text) {
        return text.replace("\u001b", "<ESC>");
    }

    @Test
    void anUnknownCommandSuggestsTheNearest() {
        CliRunner.Result r = run("instal");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        GoldenFile.assertMatches("output/unknown-command", r.err());

        CliRunner.Result json = run("instal", "--json");
        assertEquals(2, json.exitCode());
        assertEquals("", json.err());
        GoldenFile.assertMatches("output/unknown-command-json", json.out());
    }

    @Test
    void anUnknownOptionSuggestsTheNearestOptionOfThatCommand() {
        CliRunner.Result r = run("install", "--regsitry", "x");
        assertEquals(2, r.exitCode());
        GoldenFile.assertMatches("output/unknown-option", r.err());

        CliRunner.Result nested = run("registry", "serv");
        assertEquals(2, nested.exitCode());
        GoldenFile.assertMatches("output/unknown-nested-command", nested.err());
    }

    @Test
    void colourMarksErrorsHintsAndDiffsButNeverJson() {
        CliRunner.Result error = run("--color", "always", "install", "--locked", "--registry", fixture.registryDir().toString());
        assertEquals(3, error.exitCode());
        GoldenFile.assertMatches("output/colour-error", visible(error.err()));

        CliRunner.Result installed = run("install", "--color=always", "--registry", fixture.registryDir().toString());
        assertEquals(0, installed.exitCode(), installed.err());
        GoldenFile.assertMatches("output/colour-install", visible(installed.out().replaceAll("[0-9.]+ KiB|[0-9]+ B", "<size>")));

        CliRunner.Result json = run("verify", "--color", "always", "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertFalse(json.out().contains("\u001b"), json.out());

        CliRunner.Result never = run("--color", "never", "instal");
        assertFalse(never.err().contains("\u001b"), never.err());
        assertTrue(never.err().startsWith("error: unknown command 'instal'"), never.err());
    }

    @Test
    void quietAndVerboseAreGlobal() {
        CliRunner.Result locked = run("lock", "-q", "--registry", fixture.registryDir().toString());
        assertEquals(0, locked.exitCode(), locked.err());
        assertEquals("", locked.out() + locked.err());
        assertTrue(java.nio.file.Files.exists(project.resolve("cocoatly-lock.json")), "written all the same");
        CliRunner.Result quiet = run("-q", "install", "--registry", fixture.registryDir().toString());
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertEquals("", quiet.out());
        assertEquals("", quiet.err());
        assertEquals("", run("verify", "-q").out());
        assertEquals("", run("uninstall", "--quiet", "a", "--global").err().replaceAll("(?s)error:.*", ""));

        CliRunner.Result verbose = run("resolve", "--manifest", "missing.json", "-v");
        assertEquals(2, verbose.exitCode());
        assertTrue(verbose.err().contains("\tat "), "a stack trace: " + verbose.err());
        CliRunner.Result plain = run("resolve", "--manifest", "missing.json");
        assertFalse(plain.err().contains("\tat "), plain.err());
    }
}
