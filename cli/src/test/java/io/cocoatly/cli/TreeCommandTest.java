package io.cocoatly.cli;

import io.cocoatly.testkit.GoldenFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeCommandTest {

    private static final Path DEMO_MANIFEST = GoldenFile.repo().resolve("testdata/demo/cocoatly.json");
    private static final String REGISTRY = GoldenFile.repo().resolve("testdata/registry").toString();

    @TempDir
    Path temp;

    @BeforeEach
    void lockTheDemo() throws IOException {
        Files.copy(DEMO_MANIFEST, temp.resolve("cocoatly.json"));
        assertEquals(0, new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY).exitCode());
    }

    @Test
    void withoutARegistryTransitiveEdgesShowVersionsOnly() {
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("tree");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        GoldenFile.assertMatches("tree/demo", r.out());
    }

    @Test
    void withARegistryEveryEdgeShowsItsRequirement() {
        CliRunner.Result r = new CliRunner(temp, Map.of("COCOATLY_REGISTRY", REGISTRY)).run("tree");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("tree/demo-registry", r.out());
    }

    @Test
    void depthLimitsTheLevels() {
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("tree", "--depth", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("demo 0.1.0\n├── cli 3.2.0 (^3.0)\n├── db 0.8.4 (^0.8)\n├── http 1.2.1 (^1.0)\n"
                + "├── json 1.1.0 (^1.0)\n└── log 0.4.2 (^0.4)\n", r.out());
        assertEquals("demo 0.1.0\n", new CliRunner(temp, Map.of()).run("tree", "--depth", "0").out());
        assertEquals(2, new CliRunner(temp, Map.of()).run("tree", "--depth", "-1").exitCode());
    }

    @Test
    void invertShowsWhoDependsOnAPackage() {
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("tree", "--invert", "log", "--registry", REGISTRY);
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("tree/invert-log", r.out());
        assertEquals(r.out(), new CliRunner(temp, Map.of()).run("tree", "-i", "log@0.4.2", "--registry", REGISTRY).out());
        CliRunner.Result unknown = new CliRunner(temp, Map.of()).run("tree", "--invert", "nope");
        assertEquals(2, unknown.exitCode());
        assertEquals("error: `nope` is not in the lockfile\nhint: run `cocoatly tree` to see the locked packages\n",
                unknown.err());
    }

    @Test
    void cyclesAndRepeatsAreMarked() {
        Path dir = temp.resolve("cycle");
        TestProject p = TestProject.in(dir).publish("a 1.0.0 -> b ^1", "b 1.0.0 -> a ^1; leaf ^1", "leaf 1.0.0",
                "c 1.0.0 -> a ^1").manifest("a ^1; c ^1");
        assertEquals(0, p.run("lock").exitCode());
        CliRunner.Result r = p.run("tree");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("app 1.0.0\n"
                + "├── a 1.0.0 (^1)\n"
                + "│   └── b 1.0.0 (^1)\n"
                + "│       ├── a 1.0.0 (^1) (cycle)\n"
                + "│       └── leaf 1.0.0 (^1)\n"
                + "└── c 1.0.0 (^1)\n"
                + "    └── a 1.0.0 (^1) (*)\n", r.out());
    }

    @Test
    void jsonNestsTheTree() throws IOException {
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("tree", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode tree = Json.mapper().readTree(r.out()).get("data").get("trees").get(0);
        assertEquals("demo", tree.get("name").asText());
        JsonNode http = tree.get("children").get(2);
        assertEquals("http", http.get("name").asText());
        assertEquals("^1.0", http.get("requirement").asText());
        assertEquals("tls", http.get("children").get(2).get("name").asText());
        assertEquals("repeated", http.get("children").get(2).get("mark").asText());
    }

    @Test
    void aStaleLockfileIsShownWithAWarning() throws IOException {
        Files.writeString(temp.resolve("cocoatly.json"), Files.readString(DEMO_MANIFEST)
                .replace("\"log\": \"^0.4\",", "\"log\": \"^0.4\", \"uuid\": \"^1\","));
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("tree", "--depth", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("warning: `cocoatly-lock.json` is out of date with the manifest; run `cocoatly lock`\n", r.err());
        assertEquals("└── uuid (^1) (not locked)", r.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void withoutALockfileExitsThree() throws IOException {
        Files.delete(temp.resolve("cocoatly-lock.json"));
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("tree", "--json");
        assertEquals(3, r.exitCode());
        assertEquals("lockfile-missing", Json.mapper().readTree(r.out()).get("error").get("code").asText());
    }

}
