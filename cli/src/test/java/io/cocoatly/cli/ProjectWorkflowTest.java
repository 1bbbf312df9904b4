package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code add} and {@code remove} on the demo project over the signed sample registry: the manifest
 * keeps its layout, the lockfile moves as little as possible, an installed project is installed
 * again, and a dry run or a failure writes nothing.
 */
class ProjectWorkflowTest {

    @TempDir
    Path temp;

    private SampleProject sample;
    private String registry;

    @BeforeEach
    void lockTheDemo() {
        sample = SampleProject.in(temp);
        registry = sample.registry().toString();
        assertEquals(0, sample.run("lock", "--registry", registry).exitCode());
    }

    private String manifest() throws IOException {
        return Files.readString(sample.project().resolve("cocoatly.json"));
    }

    private String lockfile() throws IOException {
        return Files.readString(sample.lockfilePath());
    }

    @Test
    void addWithoutARangeWritesCaretOfTheLockedVersion() throws IOException {
        CliRunner.Result r = sample.run("add", "uuid", "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        GoldenFile.assertMatches("workflow/add-uuid", r.out());
        assertTrue(manifest().contains("    \"db\": \"^0.8\",\n    \"uuid\": \"^1.6.0\"\n  }\n}\n"), manifest());
        assertEquals("1.6.0", SampleProject.named(sample.lockfile().packages(), "uuid").version().toString());
        CliRunner.Result check = sample.run("lock", "--check", "--registry", registry);
        assertEquals(0, check.exitCode(), check.err());
    }

    @Test
    void addingANamePresentReplacesItsRange() throws IOException {
        CliRunner.Result r = sample.run("add", "log@~0.4.1", "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("workflow/add-replace", r.out());
        assertTrue(manifest().contains("\"log\": \"~0.4.1\","), manifest());
    }

    @Test
    void aDryRunPrintsTheChangesAndWritesNothing() throws IOException {
        String manifest = manifest();
        String lockfile = lockfile();
        CliRunner.Result r = sample.run("add", "uuid", "log@~0.4.1", "--dry-run", "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("workflow/add-dry-run", r.out());
        assertEquals(manifest, manifest());
        assertEquals(lockfile, lockfile());
        CliRunner.Result remove = sample.run("remove", "cli", "--dry-run", "--registry", registry);
        assertEquals(0, remove.exitCode(), remove.err());
        GoldenFile.assertMatches("workflow/remove-dry-run", remove.out());
        assertEquals(manifest, manifest());
        assertEquals(lockfile, lockfile());
    }

    @Test
    void anUnknownNameGetsTheClosestOneAndNothingIsWritten() throws IOException {
        String manifest = manifest();
        CliRunner.Result r = sample.run("add", "uuids", "--registry", registry);
        assertEquals(2, r.exitCode());
        assertEquals("error: no package `uuids` in registry `sample`\nhint: did you mean `uuid`?\n"
                + "hint: check the name, or pass `--registry` for the registry that has `uuids`\n", r.err());
        assertEquals(manifest, manifest());
        CliRunner.Result range = sample.run("add", "uuid@^^1", "--registry", registry);
        assertEquals(2, range.exitCode());
        assertTrue(range.err().startsWith("error: invalid requirement in `uuid@^^1`: "), range.err());
        CliRunner.Result itself = sample.run("add", "demo", "--registry", registry);
        assertEquals(2, itself.exitCode(), itself.err());
        assertTrue(itself.err().startsWith("error: `demo` is this project's own name"), itself.err());
        assertEquals(manifest, manifest());
    }

    @Test
    void projectSettingsAloneAreNotAnInstallation() throws IOException {
        assertEquals(0, sample.run("config", "set", "--project", "network.retries", "3").exitCode());
        CliRunner.Result r = sample.run("add", "uuid", "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.notExists(sample.project().resolve(".cocoatly/packages")), "add installed into a project"
                + " that only had settings");
    }

    @Test
    void anUnsatisfiableAddExplainsAndLeavesTheManifest() throws IOException {
        String manifest = manifest();
        String lockfile = lockfile();
        CliRunner.Result r = sample.run("add", "tls@^2", "--registry", registry);
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("tls"), r.err());
        assertEquals(manifest, manifest());
        assertEquals(lockfile, lockfile());
    }

    @Test
    void removeDropsWhatNothingElseNeeds() throws IOException {
        CliRunner.Result absent = sample.run("remove", "clj", "--registry", registry);
        assertEquals(2, absent.exitCode());
        assertEquals("error: `clj` is not a dependency in `" + sample.project().resolve("cocoatly.json") + "`\n"
                + "hint: did you mean `cli`?\n", absent.err());
        CliRunner.Result r = sample.run("remove", "cli", "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("workflow/remove-cli", r.out());
        assertTrue(!manifest().contains("\"cli\""), manifest());
        assertTrue(sample.lockfile().packages().stream().noneMatch(p -> p.name().value().equals("cli")));
        CliRunner.Result again = sample.run("remove", "cli", "--registry", registry);
        assertEquals(2, again.exitCode());
        assertEquals("error: `cli` is not a dependency in `" + sample.project().resolve("cocoatly.json") + "`\n"
                + "hint: its dependencies are `db`, `http`, `json` and `log`\n", again.err());
    }

    @Test
    void anInstalledProjectIsInstalledAgain() throws IOException {
        assertEquals(0, sample.run("install", "--registry", registry).exitCode());
        CliRunner.Result r = sample.run("add", "uuid", "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("workflow/add-installed", r.out());
        assertTrue(Files.isDirectory(sample.project().resolve(".cocoatly/packages/uuid/1.6.0")));
        CliRunner.Result remove = sample.run("remove", "uuid", "--registry", registry);
        assertEquals(0, remove.exitCode(), remove.err());
        assertTrue(Files.notExists(sample.project().resolve(".cocoatly/packages/uuid")));
    }

    @Test
    void devDependenciesAreLockedMarkedAndLeftOutInProduction() throws IOException {
        CliRunner.Result r = sample.run("add", "uuid", "--dev", "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(manifest().endsWith("  },\n  \"dev-dependencies\": {\n    \"uuid\": \"^1.6.0\"\n  }\n}\n"), manifest());
        assertEquals(java.util.List.of("getrandom@0.2.11", "uuid@1.6.0"), sample.lockfile().packages().stream()
                .filter(LockedPackage::dev).map(p -> p.id().toString()).toList());
        CliRunner.Result tree = sample.run("tree", "--depth", "1");
        assertEquals("└── uuid 1.6.0 (^1.6.0) (dev)", tree.out().lines().reduce((a, b) -> b).orElseThrow());
        CliRunner.Result production = sample.run("install", "--production", "--registry", registry);
        assertEquals(0, production.exitCode(), production.err());
        assertTrue(Files.notExists(sample.project().resolve(".cocoatly/packages/uuid")));
        assertTrue(Files.isDirectory(sample.project().resolve(".cocoatly/packages/http")));
        CliRunner.Result all = sample.run("install", "--registry", registry);
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.out().startsWith("+ getrandom 0.2.11\n+ uuid 1.6.0\n"), all.out());
        // Moving it to the dependencies: one line out of one section, one into the other.
        CliRunner.Result move = sample.run("add", "uuid@^1.5", "--registry", registry, "--json");
        assertEquals(0, move.exitCode(), move.err());
        GoldenFile.assertMatches("workflow/add-move.json", move.out().replace(sample.project().toString(), "<project>"));
    }

    @Test
    void jsonHasTheManifestLinesAndTheLockDiff() throws IOException {
        CliRunner.Result r = sample.run("add", "uuid", "--registry", registry, "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode data = Json.mapper().readTree(r.out()).get("data");
        assertEquals("^1.6.0", data.get("manifest_changes").get(0).get("to").asText());
        GoldenFile.assertMatches("workflow/add-uuid.json", r.out());
        CliRunner.Result remove = sample.run("remove", "uuid", "log", "--registry", registry, "--json");
        assertEquals(0, remove.exitCode(), remove.err());
        GoldenFile.assertMatches("workflow/remove.json", remove.out());
        CliRunner.Result error = sample.run("remove", "nope", "--registry", registry, "--json");
        assertEquals(2, error.exitCode());
        assertEquals("not-a-dependency", Json.mapper().readTree(error.out()).get("error").get("code").asText());
    }
}
