package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uninstall} on the global installation removes what only the removed packages needed,
 * unless it was asked for itself ({@code global.json}) or {@code --keep-orphans}; {@code --dry-run}
 * shows the same and changes nothing. Transcripts pinned under {@code golden/install-flags/}.
 */
class UninstallOrphansTest {

    @TempDir
    Path dir;

    private InstallFixture fixture;
    private Path cwd;
    private String registry;
    private Transcript transcript;

    @BeforeEach
    void setUp() throws IOException {
        fixture = InstallFixture.in(dir);
        fixture.registry().add("log", "1.0.0");
        fixture.registry().add("tls", "1.2.0", "log@1.0.0");
        fixture.registry().add("http", "1.0.0", "tls@1.2.0");
        fixture.registry().add("jq", "1.0.0");
        registry = fixture.registryDir().toString();
        // Not a project directory: uninstall, list and verify act on the global installation.
        cwd = Files.createDirectories(dir.resolve("elsewhere"));
        transcript = new Transcript(fixture, dir);
    }

    private CliRunner.Result run(String... args) {
        return transcript.run(cwd, args);
    }

    private void install(String... packages) {
        String[] args = new String[packages.length + 4];
        args[0] = "install";
        System.arraycopy(packages, 0, args, 1, packages.length);
        args[packages.length + 1] = "--registry";
        args[packages.length + 2] = registry;
        args[packages.length + 3] = "--quiet";
        CliRunner.Result r = fixture.cli(cwd).run(args);
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void uninstallRemovesWhatNothingElseNeedsAndSaysSo() throws IOException {
        install("http", "jq");
        String state = Files.readString(fixture.home().resolve("state.json"));

        assertEquals(0, run("uninstall", "http", "--dry-run").exitCode());
        assertEquals(0, run("uninstall", "http", "--dry-run", "--json").exitCode());
        assertEquals(state, Files.readString(fixture.home().resolve("state.json")), "a dry run changes nothing");

        assertEquals(0, run("uninstall", "http").exitCode());
        assertEquals(0, run("list").exitCode());
        assertFalse(Files.exists(fixture.home().resolve("packages/tls/1.2.0/tls.txt")));
        assertEquals(0, run("verify").exitCode());

        GoldenFile.assertMatches("install-flags/uninstall-orphans", transcript.text());
    }

    @Test
    void aRequestedPackageIsNoOrphanAndKeepOrphansKeepsThemAll() throws IOException {
        install("http", "tls");
        assertEquals(0, run("uninstall", "http", "--json").exitCode());
        assertTrue(Files.exists(fixture.home().resolve("packages/tls/1.2.0/tls.txt")), "tls was asked for");

        install("http");
        assertEquals(0, run("uninstall", "http", "tls", "--keep-orphans").exitCode());
        assertEquals(0, run("list").exitCode());

        GoldenFile.assertMatches("install-flags/uninstall-keep", transcript.text());
    }
}
