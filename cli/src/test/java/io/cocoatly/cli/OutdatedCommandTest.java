package io.cocoatly.cli;

import io.cocoatly.testkit.GoldenFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutdatedCommandTest {

    private static final Path DEMO_MANIFEST = GoldenFile.repo().resolve("testdata/demo/cocoatly.json");
    private static final String REGISTRY = GoldenFile.repo().resolve("testdata/registry").toString();

    @TempDir
    Path temp;

    @Test
    void theDemoHasNewerVersionsInAndOutOfItsRanges() throws IOException {
        Files.copy(DEMO_MANIFEST, temp.resolve("cocoatly.json"));
        assertEquals(0, new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY).exitCode());
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("outdated", "--registry", REGISTRY);
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("outdated/demo", r.out());
        CliRunner.Result all = new CliRunner(temp, Map.of("COCOATLY_REGISTRY", REGISTRY)).run("outdated", "--all");
        GoldenFile.assertMatches("outdated/demo-all", all.out());
    }

    @Test
    void compatibleHonoursEveryDependentsRangeAndSkipsYankedVersions() throws IOException {
        TestProject p = TestProject.in(temp).publish("a 1.0.0 -> s ^1.0", "b 1.0.0 -> s >=1.0 <1.3", "s 1.0.0",
                "x 1.0.0").manifest("a ^1; b ^1; x ^1");
        assertEquals(0, p.run("lock").exitCode());
        p.publish("s 1.2.0", "s 1.3.0", "s 2.0.0", "x 1.1.0 yanked", "x 2.0.0-rc.1");
        CliRunner.Result r = p.run("outdated", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode packages = Json.mapper().readTree(r.out()).get("data").get("packages");
        JsonNode s = packages.get(2);
        assertEquals("s", s.get("name").asText());
        assertEquals("1.2.0", s.get("compatible").asText());
        assertEquals("2.0.0", s.get("latest").asText());
        assertEquals(false, s.get("direct").asBoolean());
        JsonNode x = packages.get(3);
        assertEquals("1.0.0", x.get("compatible").asText());
        assertEquals("1.0.0", x.get("latest").asText());
        assertEquals(false, x.get("outdated").asBoolean());
        assertEquals(1, Json.mapper().readTree(r.out()).get("data").get("outdated").asInt());
    }

    @Test
    void nothingOutdated() {
        TestProject p = TestProject.in(temp).publish("a 1.0.0").manifest("a ^1");
        assertEquals(0, p.run("lock").exitCode());
        assertEquals("All 1 locked package is up to date.\n", p.run("outdated").out());
    }

}
