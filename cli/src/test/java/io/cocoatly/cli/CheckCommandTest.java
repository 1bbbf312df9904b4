package io.cocoatly.cli;

import io.cocoatly.testkit.GoldenFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    private static final String REGISTRY = GoldenFile.repo().resolve("testdata/registry").toString();

    @TempDir
    Path temp;

    @Test
    void listsTheVersionsThatCannotBeInstalled() {
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("check", "--registry", REGISTRY);
        assertEquals(1, r.exitCode(), r.err());
        GoldenFile.assertMatches("check/sample", r.out());
    }

    @Test
    void jsonListsEveryVersion() throws IOException {
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("check", "--registry", REGISTRY, "--json");
        assertEquals(1, r.exitCode(), r.err());
        JsonNode data = Json.mapper().readTree(r.out()).get("data");
        assertEquals(data.get("versions").asInt(), data.get("results").size());
        assertEquals(data.get("versions").asInt(), data.get("installable").asInt() + data.get("uninstallable").asInt());
        GoldenFile.assertMatches("check/sample-json", r.out());
    }

    @Test
    void jsonGivesTheReasonsOnlyWhenAskedAndTheSameVerdictsEitherWay() throws IOException {
        CliRunner.Result plain = new CliRunner(temp, Map.of()).run("check", "--registry", REGISTRY, "--json");
        CliRunner.Result explained = new CliRunner(temp, Map.of()).run("check", "--registry", REGISTRY, "--json", "--explain");
        assertEquals(1, plain.exitCode(), plain.err());
        assertEquals(1, explained.exitCode(), explained.err());
        JsonNode without = Json.mapper().readTree(plain.out()).get("data").get("results");
        JsonNode with = Json.mapper().readTree(explained.out()).get("data").get("results");
        assertEquals(without.size(), with.size());
        int reasons = 0;
        for (int i = 0; i < with.size(); i++) {
            assertEquals(with.get(i).get("installable"), without.get(i).get("installable"), with.get(i).toString());
            assertFalse(without.get(i).has("reason"), without.get(i).toString());
            assertEquals(!with.get(i).get("installable").asBoolean(), with.get(i).has("reason"), with.get(i).toString());
            reasons += with.get(i).has("reason") ? 1 : 0;
        }
        assertTrue(reasons > 0, "the sample registry holds uninstallable versions");
        GoldenFile.assertMatches("check/sample-json-explain", explained.out());
    }

    @Test
    void namesDependenciesThatConflictAndExitsZeroWhenAllIsWell() throws IOException {
        Path reg = temp.resolve("reg");
        Files.createDirectories(reg.resolve("index"));
        Files.writeString(reg.resolve("registry.json"), "{\"format\": 1, \"name\": \"tiny\"}");
        index(reg, "a", "{\"version\": \"1.0.0\", \"dependencies\": {\"b\": \"^1\", \"c\": \"^1\"}}");
        index(reg, "b", "{\"version\": \"1.0.0\", \"dependencies\": {\"d\": \"^1\"}}");
        index(reg, "c", "{\"version\": \"1.0.0\", \"dependencies\": {\"d\": \"^2\"}}");
        index(reg, "d", "{\"version\": \"1.0.0\"}, {\"version\": \"2.0.0\"}");
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("check", "--registry", reg.toString());
        assertEquals(1, r.exitCode(), r.err());
        GoldenFile.assertMatches("check/conflict", r.out());
        CliRunner.Result semver = new CliRunner(temp, Map.of()).run("check", "--registry", reg.toString(),
                "--multiple-versions=semver-major");
        assertEquals(0, semver.exitCode(), semver.err());
        assertEquals("All 5 versions can be installed.\n", semver.out());
    }


    private static void index(Path reg, String name, String versions) throws IOException {
        Files.writeString(reg.resolve("index/" + name + ".json"),
                "{\"name\": \"" + name + "\", \"versions\": [" + versions + "]}");
    }
}
