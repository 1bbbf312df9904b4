package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code install --frozen}, {@code --dry-run} on install and update, {@code --reinstall}, and the
 * hint of a failed global install, against a real signed directory registry; every transcript is
 * pinned in a golden file under {@code golden/install-flags/}.
 */
class InstallFlagsTest {

    @TempDir
    Path dir;

    private InstallFixture fixture;
    private Path project;
    private String registry;
    private Transcript transcript;

    @BeforeEach
    void setUp() throws IOException {
        fixture = InstallFixture.in(dir);
        fixture.registry().add("b", "1.0.0", files("b", "1.0.0"));
        fixture.registry().add("b", "2.0.0", files("b", "2.0.0"));
        fixture.registry().add("a", "1.0.0", files("a", "1.0.0"), "b@1.0.0");
        registry = fixture.registryDir().toString();
        project = fixture.project("{\"a\": \"^1.0\"}");
        transcript = new Transcript(fixture, dir);
    }

    private static Map<String, String> files(String name, String version) {
        return Map.of(name + ".txt", name + " " + version + "\n", "bin/" + name, "#!/bin/sh\necho " + name + "\n");
    }

    private CliRunner.Result run(String... args) {
        return transcript.run(project, args);
    }

    @Test
    void frozenInstallsTheLockfileAsItIsWithoutAnyRegistryIndex() throws IOException {
        assertEquals(3, run("install", "--frozen").exitCode());
        CliRunner.Result both = run("install", "--frozen", "--locked");
        assertEquals(2, both.exitCode(), "--frozen promises not to read the index --locked reads");
        assertTrue(both.err().startsWith("error: `--frozen` and `--locked` cannot be combined"), both.err());
        assertEquals(0, run("lock", "--registry", registry).exitCode());
        // A format-2 lockfile records every artifact's URL: without the index, nothing could resolve.
        deleteTree(fixture.registryDir().resolve("index"));

        CliRunner.Result frozen = run("install", "--frozen");
        assertEquals(0, frozen.exitCode(), frozen.err());
        assertEquals("a 1.0.0\n", Files.readString(project.resolve(".cocoatly/packages/a/1.0.0/a.txt")));

        Files.writeString(project.resolve("cocoatly.json"), "{\"name\": \"app\", \"version\": \"0.1.0\","
                + " \"dependencies\": {\"a\": \"^1.0\", \"b\": \"^1.0\"}}");
        String lockfile = Files.readString(project.resolve("cocoatly-lock.json"));
        String state = Files.readString(project.resolve(".cocoatly/state.json"));
        assertEquals(3, run("install", "--frozen").exitCode());
        assertEquals(3, run("install", "--frozen", "--json").exitCode());
        assertEquals(lockfile, Files.readString(project.resolve("cocoatly-lock.json")), "never written");
        assertEquals(state, Files.readString(project.resolve(".cocoatly/state.json")), "nothing installed");
        assertEquals(2, run("install", "--frozen", "a").exitCode());

        GoldenFile.assertMatches("install-flags/frozen", transcript.text());
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws IOException {
        CliRunner.Result text = run("install", "--dry-run", "--registry", registry);
        assertEquals(0, text.exitCode(), text.err());
        assertEquals(0, run("install", "--dry-run", "--registry", registry, "--json").exitCode());
        assertFalse(Files.exists(project.resolve("cocoatly-lock.json")), "no lockfile");
        assertFalse(Files.exists(project.resolve(".cocoatly/state.json")), "no state");
        assertEquals(0, count(fixture.home().resolve("cache")), "no download, not even into the cache");

        assertEquals(0, run("install", "a", "--dry-run", "--registry", registry).exitCode());
        assertFalse(Files.exists(fixture.home().resolve("global.json")));
        assertFalse(Files.exists(fixture.home().resolve("state.json")));

        // Installed, then a newer `a` is published: update --dry-run shows the move, writes nothing.
        assertEquals(0, fixture.cli(project).run("install", "--registry", registry).exitCode());
        String lockfile = Files.readString(project.resolve("cocoatly-lock.json"));
        fixture.registry().add("a", "1.1.0", files("a", "1.1.0"), "b@1.0.0");
        assertEquals(0, run("update", "--dry-run", "--registry", registry).exitCode());
        assertEquals(0, run("update", "a", "--dry-run", "--registry", registry, "--json").exitCode());
        assertEquals(lockfile, Files.readString(project.resolve("cocoatly-lock.json")));
        assertEquals(0, run("install", "--dry-run").exitCode(), "the lockfile is current: nothing to do");

        GoldenFile.assertMatches("install-flags/dry-run", transcript.text());
    }

    @Test
    void reinstallRepairsWhatVerifyFindsDamaged() throws IOException {
        assertEquals(0, fixture.cli(project).run("install", "--registry", registry).exitCode());
        Path a = project.resolve(".cocoatly/packages/a/1.0.0");
        Files.writeString(a.resolve("a.txt"), "tampered\n");
        Files.delete(project.resolve(".cocoatly/packages/b/1.0.0/bin/b"));

        assertEquals(0, run("install").exitCode(), "plain install stays cheap: it hashes nothing");
        assertEquals(1, run("verify").exitCode());
        assertEquals(0, run("install", "--reinstall", "--dry-run").exitCode());
        assertEquals("tampered\n", Files.readString(a.resolve("a.txt")), "a dry run repairs nothing");
        CliRunner.Result repaired = run("install", "--reinstall");
        assertEquals(0, repaired.exitCode(), repaired.err());
        assertEquals("a 1.0.0\n", Files.readString(a.resolve("a.txt")));
        assertEquals(0, run("verify").exitCode());

        assertEquals(0, run("install", "--reinstall-package", "a", "--json").exitCode());
        assertEquals(2, run("install", "--reinstall-package", "zzz").exitCode());
        assertEquals(0, run("verify").exitCode());
        try (Stream<Path> left = Files.list(project.resolve(".cocoatly/packages"))) {
            assertEquals(java.util.List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".cocoatly-stage")).toList(), "no staging or moved-aside directory left");
        }

        GoldenFile.assertMatches("install-flags/reinstall", transcript.text());
    }

    @Test
    void verifyOfTheGlobalInstallationNamesTheReinstallThatRepairsIt() throws IOException {
        assertEquals(0, fixture.cli(dir).run("install", "a", "--registry", registry, "--quiet").exitCode());
        Files.writeString(fixture.home().resolve("packages/b/1.0.0/b.txt"), "tampered\n");

        CliRunner.Result damaged = fixture.cli(dir).run("verify");
        assertEquals(1, damaged.exitCode());
        assertEquals("hint: `cocoatly install -g --reinstall` puts back what was installed\n", damaged.err());
        String before = Files.readString(fixture.home().resolve("global.json"));
        CliRunner.Result repaired = fixture.cli(dir).run("install", "-g", "--reinstall", "--registry", registry);
        assertEquals(0, repaired.exitCode(), repaired.err());
        assertTrue(repaired.out().contains("~ b 1.0.0 (reinstalled)"), repaired.out());
        assertEquals(0, fixture.cli(dir).run("verify").exitCode(), "the hint's command repaired it");
        assertEquals(before, Files.readString(fixture.home().resolve("global.json")), "and required nothing new");
    }

    @Test
    void aFailedGlobalInstallHintsACommandThatExplainsIt() throws IOException {
        assertEquals(0, run("install", "a", "--registry", registry, "--quiet").exitCode());
        String state = Files.readString(fixture.home().resolve("state.json"));

        CliRunner.Result failed = run("install", "b@^2", "--registry", registry);
        assertEquals(1, failed.exitCode());
        Matcher hinted = Pattern.compile("hint: run `cocoatly (.*)` for every suggested fix").matcher(failed.err());
        assertTrue(hinted.find(), failed.err());

        // The hint is runnable as printed: the same request, explained, and still nothing changes.
        CliRunner.Result explained = run(hinted.group(1).split(" "));
        assertEquals(1, explained.exitCode(), explained.err());
        assertTrue(explained.out().contains("global depends on b ^2"), explained.out());
        assertEquals(1, run("install", "b@^2", "--registry", registry, "--explain", "--json").exitCode());
        assertEquals(state, Files.readString(fixture.home().resolve("state.json")));
        assertFalse(Files.readString(fixture.home().resolve("global.json")).contains("\"b\""));

        GoldenFile.assertMatches("install-flags/global-explain", transcript.text());
    }

    private static long count(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
