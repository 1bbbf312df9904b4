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
        assertEquals(0, CliRun.run(temp, Map.of(), "lock", "--registry", REGISTRY).exit());
    }

    @Test
    void withoutARegistryTransitiveEdgesShowVersionsOnly() {
        CliRun r = CliRun.run(temp, Map.of(), "tree");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        GoldenFile.assertMatches("tree/demo", r.out());
    }

    @Test
    void withARegistryEveryEdgeShowsItsRequirement() {
        CliRun r = CliRun.run(temp, Map.of("COCOATLY_REGISTRY", REGISTRY), "tree");
        assertEquals(0, r.exit(), r.err());
        GoldenFile.assertMatches("tree/demo-registry", r.out());
    }

    @Test
    void depthLimitsTheLevels() {
        CliRun r = CliRun.run(temp, Map.of(), "tree", "--depth", "1");
        assertEquals(0, r.exit(), r.err());
        assertEquals("demo 0.1.0\n├── cli 3.2.0 (^3.0)\n├── db 0.8.4 (^0.8)\n├── http 1.2.1 (^1.0)\n"
                + "├── json 1.1.0 (^1.0)\n└── log 0.4.2 (^0.4)\n", r.out());
        assertEquals("demo 0.1.0\n", CliRun.run(temp, Map.of(), "tree", "--depth", "0").out());
        assertEquals(2, CliRun.run(temp, Map.of(), "tree", "--depth", "-1").exit());
    }

    @Test
    void invertShowsWhoDependsOnAPackage() {
        CliRun r = CliRun.run(temp, Map.of(), "tree", "--invert", "log", "--registry", REGISTRY);
        assertEquals(0, r.exit(), r.err());
        GoldenFile.assertMatches("tree/invert-log", r.out());
        assertEquals(r.out(), CliRun.run(temp, Map.of(), "tree", "-i", "log@0.4.2", "--registry", REGISTRY).out());
        CliRun unknown = CliRun.run(temp, Map.of(), "tree", "--invert", "nope");
        assertEquals(2, unknown.exit());
        assertEquals("error: `nope` is not in the lockfile\nhint: run `cocoatly tree` to see the locked packages\n",
                unknown.err());
    }

    @Test
    void cyclesAndRepeatsAreMarked() {
        Path dir = temp.resolve("cycle");
        TestProject p = TestProject.in(dir).publish("a 1.0.0 -> b ^1", "b 1.0.0 -> a ^1; leaf ^1", "leaf 1.0.0",
                "c 1.0.0 -> a ^1").manifest("a ^1; c ^1");
        assertEquals(0, p.run("lock").exit());
        CliRun r = p.run("tree");
        assertEquals(0, r.exit(), r.err());
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
        CliRun r = CliRun.run(temp, Map.of(), "tree", "--json");
        assertEquals(0, r.exit(), r.err());
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
        CliRun r = CliRun.run(temp, Map.of(), "tree", "--depth", "1");
        assertEquals(0, r.exit(), r.err());
        assertEquals("warning: `cocoatly-lock.json` is out of date with the manifest; run `cocoatly lock`\n", r.err());
        assertEquals("└── uuid (^1) (not locked)", r.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void withoutALockfileExitsThree() throws IOException {
        Files.delete(temp.resolve("cocoatly-lock.json"));
        CliRun r = CliRun.run(temp, Map.of(), "tree", "--json");
        assertEquals(3, r.exit());
        assertEquals("lockfile-missing", Json.mapper().readTree(r.out()).get("error").get("code").asText());
    }

}
