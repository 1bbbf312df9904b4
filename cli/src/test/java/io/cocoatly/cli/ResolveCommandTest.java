package io.cocoatly.cli;

import io.cocoatly.testkit.GoldenFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolveCommandTest {

    private static final Path DEMO = GoldenFile.repo().resolve("testdata/demo");
    private static final String REGISTRY = GoldenFile.repo().resolve("testdata/registry").toString();

    @TempDir
    Path temp;

    @Test
    void printsTheSelectionAsATable() {
        CliRunner.Result r = new CliRunner(DEMO, Map.of()).run("resolve", "--registry", REGISTRY);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        GoldenFile.assertMatches("resolve/demo", r.maskedOut());
    }

    @Test
    void printsOneJsonDocument() throws IOException {
        CliRunner.Result r = new CliRunner(DEMO, Map.of("COCOATLY_REGISTRY", REGISTRY)).run("resolve", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = Json.mapper().readTree(r.out());
        assertTrue(doc.get("success").asBoolean());
        assertTrue(doc.get("data").get("optimal").asBoolean());
        assertEquals(doc.get("data").get("packages").size(), doc.get("data").get("objective").get("packages").asInt());
        GoldenFile.assertMatches("resolve/demo-json", r.maskedOut());
    }

    @Test
    void semverMajorPolicy() {
        CliRunner.Result r = new CliRunner(DEMO, Map.of())
                .run("resolve", "--registry", REGISTRY, "--multiple-versions=semver-major");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("resolve/demo-semver-major", r.maskedOut());
    }

    @Test
    void noSolutionExitsWithOneAndNamesThePackages() throws IOException {
        write("cocoatly.json", "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": "
                + "{\"legacy-auth\": \"^0.3\", \"http\": \"^1.0\"}}");
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("resolve", "--registry", REGISTRY);
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        GoldenFile.assertMatches("resolve/unsatisfiable", r.err());
        CliRunner.Result json = new CliRunner(temp, Map.of()).run("resolve", "--registry", REGISTRY, "--json");
        assertEquals(1, json.exitCode());
        GoldenFile.assertMatches("resolve/unsatisfiable-json", json.out());
    }

    @Test
    void invalidInputExitsWithTwo() throws IOException {
        write("cocoatly.json", "{\"name\": \"app\", \"version\": \"1.0\"}");
        CliRunner.Result badManifest = new CliRunner(temp, Map.of()).run("resolve", "--registry", REGISTRY, "--json");
        assertEquals(2, badManifest.exitCode());
        assertEquals("invalid-manifest", Json.mapper().readTree(badManifest.out()).get("error").get("code").asText());

        CliRunner.Result noManifest = new CliRunner(temp.resolve("nowhere"), Map.of())
                .run("resolve", "--registry", REGISTRY);
        assertEquals(2, noManifest.exitCode());

        CliRunner.Result noRegistry = new CliRunner(DEMO, Map.of()).run("resolve");
        assertEquals(2, noRegistry.exitCode());
        GoldenFile.assertMatches("resolve/no-registry", noRegistry.err());

        CliRunner.Result badPolicy = new CliRunner(DEMO, Map.of())
                .run("resolve", "--registry", REGISTRY, "--multiple-versions=two");
        assertEquals(2, badPolicy.exitCode());
        assertTrue(badPolicy.err().contains("`--multiple-versions`: `two`"), badPolicy.err());

        CliRunner.Result badTimeout = new CliRunner(DEMO, Map.of())
                .run("resolve", "--registry", REGISTRY, "--timeout", "soon", "--json");
        assertEquals(2, badTimeout.exitCode());
        assertEquals("invalid-duration", Json.mapper().readTree(badTimeout.out()).get("error").get("code").asText());
    }

    @Test
    void aTimeoutStillProvesSmallProblems() {
        CliRunner.Result r = new CliRunner(DEMO, Map.of()).run("resolve", "--registry", REGISTRY, "--timeout", "10s");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().endsWith("(optimum proven).\n"), r.out());
    }


    private void write(String name, String text) throws IOException {
        Files.writeString(temp.resolve(name), text);
    }
}
