package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry whose index files hold entries that cannot be read (testdata/lenient-registry, real
 * crates.io entries): every reading command leaves them out, warns once per entry on stderr in text
 * mode and lists them in {@code data.warnings} under {@code --json}; {@code check} lists them all.
 */
class LeftOutEntriesTest {

    private static final String REGISTRY = GoldenFile.repo().resolve("testdata/lenient-registry").toString();
    private static final String APP = "{\"name\": \"demo\", \"version\": \"0.1.0\", \"dependencies\": {\"app\": \"^1.0\"}}";

    @TempDir
    Path temp;

    private static String masked(String text) {
        return text.replace(REGISTRY, "<registry>");
    }

    private void project() throws IOException {
        Files.writeString(temp.resolve("cocoatly.json"), APP);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(masked(n.asText())));
        return texts;
    }

    /**
     * The warnings of the entries in the files a resolve of {@code app ^1.0} reads, in the order read:
     * not those of {@code version-length-checking-is-overrated}, which nothing depends on.
     */
    private static final List<String> RESOLVE_WARNINGS = List.of(
            "<registry>/index/app.json: $.versions[0].dependencies.cargo_crates-io_docs-rs_test: invalid requirement `>=< 0.1`:"
                    + " expected a version after `>=` at column 3, found `<`; left out",
            "<registry>/index/app.json: $.versions[2]: expected an object, found a string; left out",
            "<registry>/index/cargo_crates-io_docs-rs_test.json: $.versions[1].version: duplicate version `0.1.0+2`:"
                    + " already listed at $.versions[0].version as `0.1.0+1`; left out",
            "<registry>/index/test-max-version-example-crate.json: $.versions[1].version: invalid version"
                    + " `18446744073709551615.18446744073709551615.18446744073709551615`: expected the major version number"
                    + " no larger than 9223372036854775807 at column 1, found `1`; left out");

    @Test
    void checkListsEveryEntryLeftOutAndWarnsOnceForEach() {
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("check", "--registry", REGISTRY);
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("check/left-out", masked(r.out()));
        GoldenFile.assertMatches("check/left-out-warnings", masked(r.err()));
    }

    @Test
    void checkJsonListsThemAsDataAndAsWarnings() throws IOException {
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("check", "--registry", REGISTRY, "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        JsonNode data = Json.mapper().readTree(r.out()).get("data");
        assertEquals(6, data.get("left-out").size());
        assertEquals(6, data.get("warnings").size());
        GoldenFile.assertMatches("check/left-out-json", masked(r.out()));
    }

    @Test
    void resolveWarnsOnStderrOncePerEntryAndStillResolves() throws IOException {
        project();
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("resolve", "--registry", REGISTRY);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(String.join("", RESOLVE_WARNINGS.stream().map(w -> "warning: " + w + "\n").toList()), masked(r.err()));
        assertTrue(r.out().contains("cargo_crates-io_docs-rs_test"), r.out());
        assertTrue(r.out().contains("0.1.0+1"), r.out());
    }

    @Test
    void resolveJsonListsThemInDataWarnings() throws IOException {
        project();
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("resolve", "--registry", REGISTRY, "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertEquals(RESOLVE_WARNINGS, texts(Json.mapper().readTree(r.out()).get("data").get("warnings")));
    }

    @Test
    void lockWarnsInTextAndListsInJson() throws IOException {
        project();
        CliRunner.Result text = new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY);
        assertEquals(0, text.exitCode(), text.err());
        assertEquals(String.join("", RESOLVE_WARNINGS.stream().map(w -> "warning: " + w + "\n").toList()), masked(text.err()));
        CliRunner.Result json = new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY, "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals("", json.err());
        assertEquals(RESOLVE_WARNINGS, texts(Json.mapper().readTree(json.out()).get("data").get("warnings")));
    }

    /**
     * {@code lock --check} and {@code install --locked} read only the locked releases' entries, so the
     * entries {@code lock} warned of, all of versions not locked, go unnoticed: no warning, in text or
     * JSON (docs/cli.md).
     */
    @Test
    void theLockfilesChecksReadOnlyTheLockedEntriesAndSoWarnOfNone() throws IOException {
        project();
        CliRunner.Result lock = new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY);
        assertEquals(0, lock.exitCode(), lock.err());
        assertEquals(RESOLVE_WARNINGS.size(), lock.err().lines().count(), lock.err());

        CliRunner.Result check = new CliRunner(temp, Map.of()).run("lock", "--check", "--registry", REGISTRY);
        assertEquals(0, check.exitCode(), check.err());
        assertEquals("", check.err());
        CliRunner.Result checkJson = new CliRunner(temp, Map.of()).run("lock", "--check", "--registry", REGISTRY, "--json");
        assertEquals(0, checkJson.exitCode(), checkJson.out());
        assertEquals(List.of(), texts(Json.mapper().readTree(checkJson.out()).get("data").get("warnings")));

        CliRunner.Result install = new CliRunner(temp, Map.of()).run("install", "--locked", "--dry-run", "--registry", REGISTRY);
        assertEquals(0, install.exitCode(), install.err());
        assertTrue(!install.err().contains("warning:"), install.err());
    }

    @Test
    void aFailingResolveHasAlreadyWarned() throws IOException {
        // Only the left-out 0.9.0 would match: the warning says why there is no such version.
        Files.writeString(temp.resolve("cocoatly.json"),
                "{\"name\": \"demo\", \"version\": \"0.1.0\", \"dependencies\": {\"app\": \"~0.9\"}}");
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("resolve", "--registry", REGISTRY);
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(masked(r.err()).startsWith("warning: " + RESOLVE_WARNINGS.get(0) + "\n"), r.err());
    }
}
