package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cocoatly cache info|clean|dir}, and the cache policy after a real install. */
class CacheCommandTest {

    @TempDir
    Path dir;

    private Path entry(Path cache, char digit, int bytes, Duration unused) throws IOException {
        String hex = String.valueOf(digit).repeat(64);
        Path file = Files.createDirectories(cache.resolve("sha256").resolve(hex.substring(0, 2))).resolve(hex);
        Files.write(file, new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(unused)));
        return file;
    }

    private CliRunner cli(Path home, Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(Map.of("COLUMNS", "100", "COCOATLY_HOME", home.toString(),
                "HOME", dir.toString()));
        env.putAll(variables);
        return new CliRunner(dir, env);
    }

    private String masked(String text) {
        return text.replace(dir.toString(), "<dir>");
    }

    @Test
    void infoCleanAndDirOnAHandMadeCache() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cache = home.resolve("cache");
        Path old = entry(cache, 'a', 100, Duration.ofDays(40));
        Path recent = entry(cache, 'b', 100, Duration.ofDays(10));
        Path registry = Files.createDirectories(cache.resolve("registries/registry.example-443-0123456789abcdef/index"));
        Files.writeString(registry.resolve("http.json"), "{}");
        Path tmp = Files.createDirectories(cache.resolve("tmp"));
        Path crashed = Files.writeString(tmp.resolve("download-1.part"), "half");
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Files.writeString(tmp.resolve("download-2.part"), "running");
        CliRunner cli = cli(home, Map.of("COCOATLY_CACHE_MAX_SIZE", "150", "COCOATLY_CACHE_MAX_AGE", "30d"));

        CliRunner.Result info = cli.run("cache", "info");
        assertEquals(0, info.exitCode(), info::err);
        GoldenFile.assertMatches("cache/info", masked(info.out()));
        GoldenFile.assertFileMatches("cache/info.json", masked(cli.run("cache", "info", "--json").out()));
        assertEquals("<dir>/home/cache\n", masked(cli.run("cache", "dir").out()));

        CliRunner.Result dry = cli.run("cache", "clean", "--dry-run");
        assertEquals(0, dry.exitCode(), dry::err);
        GoldenFile.assertMatches("cache/clean-dry-run", dry.out());
        assertTrue(Files.exists(old) && Files.exists(crashed), "a dry run removes nothing");

        CliRunner.Result clean = cli.run("cache", "clean", "--json");
        assertEquals(0, clean.exitCode(), clean::out);
        GoldenFile.assertFileMatches("cache/clean.json", masked(clean.out()));
        assertTrue(Files.exists(recent) && !Files.exists(old) && !Files.exists(crashed));

        CliRunner.Result all = cli.run("cache", "clean", "--all");
        assertEquals(0, all.exitCode(), all::err);
        GoldenFile.assertMatches("cache/clean-all", all.out());
        assertEquals("Nothing to remove.\n", cli.run("cache", "clean", "--older-than", "1").out());
        assertEquals("Nothing to remove (cache.max_size and cache.max_age are not set).\n",
                cli(home, Map.of()).run("cache", "clean").out());
        assertTrue(Files.exists(tmp.resolve("download-2.part")), "a running download's part file stays");

        CliRunner.Result both = cli.run("cache", "clean", "--all", "--older-than", "3");
        assertEquals(2, both.exitCode());
        assertEquals("error: `--all` and `--older-than` cannot be used together\nhint: run `cocoatly cache clean --help`"
                + " for usage\n", both.err());
    }

    /**
     * Two archives in the cache, both unused for 60 days; a second project's install takes one of them
     * from the cache, which is a use, and then the policy (30 days) removes the other.
     */
    @Test
    void thePolicyRunsAfterARealInstallAndKeepsWhatItUsed() throws IOException {
        InstallFixture fixture = InstallFixture.in(dir);
        LockedPackage x = fixture.registry().add("x", "1.0.0", Map.of("x.txt", "x\n"));
        fixture.registry().add("y", "1.0.0", Map.of("y.txt", "y\n"));
        Path first = fixture.project("{\"x\": \"^1.0\", \"y\": \"^1.0\"}");
        CliRunner.Result installed = fixture.cli(first).run("install", "--registry", fixture.registryDir().toString());
        assertEquals(0, installed.exitCode(), installed::err);
        Path cache = fixture.home().resolve("cache");
        List<Path> entries = artifacts(cache);
        assertEquals(2, entries.size());
        for (Path e : entries) {
            Files.setLastModifiedTime(e, FileTime.from(Instant.now().minus(Duration.ofDays(60))));
        }

        Path second = Files.createDirectories(dir.resolve("second"));
        Files.writeString(second.resolve("cocoatly.json"), "{\"name\": \"second\", \"version\": \"0.1.0\","
                + " \"dependencies\": {\"x\": \"^1.0\"}}");
        CliRunner.Result again = fixture.cli(second, Map.of("COCOATLY_CACHE_MAX_AGE", "30d"))
                .run("install", "--registry", fixture.registryDir().toString());
        assertEquals(0, again.exitCode(), again::err);
        assertTrue(again.out().contains("1 from cache"), again.out());
        String sha = x.artifact().orElseThrow().checksums().get("sha256");
        assertEquals(List.of(cache.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha)), artifacts(cache));
        assertEquals(0, fixture.cli(first).run("verify", "--project").exitCode(), "installed packages never depend on the cache");
    }

    private static List<Path> artifacts(Path cache) throws IOException {
        try (Stream<Path> walk = Files.walk(cache.resolve("sha256"))) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
