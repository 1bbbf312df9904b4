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

/** {@code resolve --explain} and {@code why} against the sample registry. */
class ExplainCommandTest {

    private static final Path DEMO = GoldenFile.repo().resolve("testdata/demo");
    private static final String REGISTRY = GoldenFile.repo().resolve("testdata/registry").toString();

    @TempDir
    Path temp;

    @Test
    void explainsEverySelectedVersion() {
        CliRunner.Result r = new CliRunner(DEMO, Map.of()).run("resolve", "--registry", REGISTRY, "--explain");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("explain/demo", r.maskedOut());
    }

    @Test
    void explainsAConflictWithVerifiedFixesOnStdout() throws IOException {
        conflictingManifest();
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("resolve", "--registry", REGISTRY, "--explain");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("", r.err());
        GoldenFile.assertMatches("explain/conflict", r.out());
    }

    @Test
    void wrapsAtTheTerminalWidth() throws IOException {
        conflictingManifest();
        CliRunner.Result r = new CliRunner(temp, Map.of("COLUMNS", "60"))
                .run("resolve", "--registry", REGISTRY, "--explain");
        assertEquals(1, r.exitCode());
        for (String line : r.out().split("\n")) {
            assertTrue(line.length() <= 60 || !line.trim().contains(" "), line);
        }
        GoldenFile.assertMatches("explain/conflict-60", r.out());
    }

    @Test
    void jsonCarriesTheExplanation() throws IOException {
        conflictingManifest();
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("resolve", "--registry", REGISTRY, "--json");
        assertEquals(1, r.exitCode());
        JsonNode error = Json.mapper().readTree(r.out()).get("error");
        assertEquals("unsatisfiable", error.get("code").asText());
        JsonNode x = error.get("explanation");
        assertTrue(x.get("constraints").size() >= 2, x.toString());
        assertEquals("root-requirement", x.get("constraints").get(0).get("kind").asText());
        assertTrue(error.get("message").asText().contains("no solution exists"));
        for (JsonNode s : x.get("suggestions")) {
            assertTrue(s.get("change").asText().contains("`"), s.toString());
        }
    }

    @Test
    void jsonNamesTheRegistryOfAMissingPackage() throws IOException {
        // legacy-auth depends on md4, which the sample registry does not have.
        Files.writeString(temp.resolve("cocoatly.json"),
                "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"legacy-auth\": \"*\"}}");
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("resolve", "--registry", REGISTRY, "--json");
        assertEquals(1, r.exitCode());
        JsonNode facts = Json.mapper().readTree(r.out()).get("error").get("explanation").get("constraints");
        JsonNode missing = null;
        for (JsonNode f : facts) {
            if (f.get("kind").asText().equals("missing")) {
                missing = f;
            }
        }
        assertTrue(missing != null, facts.toString());
        assertEquals("legacy-auth", missing.get("package").asText());
        assertEquals("md4", missing.get("dependency").asText());
        assertEquals("sample", missing.get("detail").asText());
    }

    @Test
    void aManifestNamingAnUnknownPackageIsInvalidInput() throws IOException {
        Files.writeString(temp.resolve("cocoatly.json"),
                "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"htp\": \"^1\"}}");
        for (String command : new String[] {"resolve", "why", "lock"}) {
            String[] args = command.equals("why")
                    ? new String[] {"why", "htp", "--registry", REGISTRY}
                    : new String[] {command, "--registry", REGISTRY};
            CliRunner.Result r = new CliRunner(temp, Map.of()).run(args);
            assertEquals(2, r.exitCode(), command + ": " + r.err());
            assertEquals("error: `app@1.0.0` depends on `htp`, which is not in registry `sample`\n"
                    + "hint: did you mean `http`?\n"
                    + "hint: check the name, or pass `--registry` for the registry that has `htp`\n", r.err(), command);
        }
    }

    @Test
    void jsonOnSuccessHasPerPackageReasons() throws IOException {
        CliRunner.Result r = new CliRunner(DEMO, Map.of()).run("resolve", "--registry", REGISTRY, "--json", "--explain");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode data = Json.mapper().readTree(r.out()).get("data");
        assertEquals(data.get("packages").size(), data.get("explanation").size());
        for (JsonNode p : data.get("explanation")) {
            assertTrue(p.get("paths").size() >= 1, p.toString());
        }
    }

    @Test
    void whyListsEveryPathWithItsRanges() {
        CliRunner.Result r = new CliRunner(DEMO, Map.of()).run("why", "tls", "--registry", REGISTRY);
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("explain/why-tls", r.out());
    }

    @Test
    void whyInALockedProjectAnswersForTheLockedVersionsYankedOnesToo() {
        TestProject p = TestProject.in(temp).publish("x 1.0.0", "y 1.0.0 -> x ^1", "z 1.0.0").manifest("y ^1; z ^1");
        assertEquals(0, p.run("lock").exitCode());
        // Since the lock: a newer x that a fresh resolution would take, and the locked z withdrawn.
        p.publish("x 1.1.0", "z 1.0.0 yanked");

        CliRunner.Result x = p.run("why", "x");
        CliRunner.Result z = p.run("why", "z");

        assertEquals(0, x.exitCode(), x.err());
        assertEquals("x@1.0.0 is needed by 1 path:\n  app -> y ^1 -> x ^1\n", x.out());
        assertEquals(0, z.exitCode(), z.err());
        assertEquals("z@1.0.0 is needed by 1 path:\n  app -> z ^1\n", z.out());
    }

    @Test
    void whyOfAPackageOutsideTheResolutionIsInvalidInput() {
        CliRunner.Result r = new CliRunner(DEMO, Map.of()).run("why", "left-pad", "--registry", REGISTRY);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("`left-pad`"), r.err());
    }


    private void conflictingManifest() throws IOException {
        Files.writeString(temp.resolve("cocoatly.json"), "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": "
                + "{\"db\": \"^0.8\", \"http\": \"^1.3\", \"tls\": \"^1.9\"}}");
    }
}
