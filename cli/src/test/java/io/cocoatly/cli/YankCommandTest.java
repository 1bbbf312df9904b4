package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YankCommandTest {

    @TempDir
    Path dir;

    private CliRunner.Result run(String... args) {
        return CliRunner.in(dir).run(args);
    }

    @BeforeEach
    void publishTwoVersions() {
        assertEquals(0, run("keygen", "--out", "keys").exitCode());
        assertEquals(0, run("registry", "init", "reg", "--name", "team").exitCode());
        for (String v : new String[] {"0.17.0", "0.17.5"}) {
            PublishFixture.packageDir(dir.resolve("ring-" + v), "ring", v, "");
            assertEquals(0, run("publish", "ring-" + v, "--registry", "reg", "--key", "keys/cocoatly.key").exitCode());
        }
    }

    private Release release(String version) {
        // A fresh FileRegistry each time: it caches what it has read.
        return FileRegistry.open(dir.resolve("reg")).find(PackageName.of("ring")).orElseThrow().releases().stream()
                .filter(r -> r.version().toString().equals(version)).findFirst().orElseThrow();
    }

    @Test
    void yankThenUndo() {
        Release original = release("0.17.0");
        CliRunner.Result r = run("yank", "ring", "0.17.0", "--registry", "reg");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("yanked ring@0.17.0\n", r.out());
        assertTrue(release("0.17.0").yanked());
        assertEquals(original.artifact(), release("0.17.0").artifact());
        assertFalse(release("0.17.5").yanked());

        assertEquals("ring@0.17.0 was already yanked\n", run("yank", "ring", "0.17.0", "--registry", "reg").out());

        CliRunner.Result undo = run("yank", "ring", "0.17.0", "--registry", "reg", "--undo");
        assertEquals(0, undo.exitCode());
        assertEquals("un-yanked ring@0.17.0\n", undo.out());
        assertEquals(original, release("0.17.0"));
    }

    @Test
    void jsonReportsTheNewStateAndWhetherItChanged() throws IOException {
        JsonNode data = Json.mapper().readTree(run("yank", "ring", "0.17.5", "--registry", "reg", "--json").out())
                .get("data");
        assertTrue(data.get("yanked").asBoolean());
        assertTrue(data.get("changed").asBoolean());
        JsonNode undo = Json.mapper().readTree(run("yank", "ring", "0.17.0", "--registry", "reg", "--undo", "--json")
                .out()).get("data");
        assertFalse(undo.get("yanked").asBoolean());
        assertFalse(undo.get("changed").asBoolean());
    }

    @Test
    void unknownVersionsAndPackagesAreReported() {
        CliRunner.Result r = run("yank", "ring", "0.16.0", "--registry", "reg");
        assertEquals(2, r.exitCode());
        assertEquals("error: `ring` has no version `0.16.0` in registry `team`\n"
                + "hint: published versions: 0.17.0, 0.17.5\n", r.err());
        assertEquals(2, run("yank", "md4", "1.0.0", "--registry", "reg").exitCode());
        assertEquals(2, run("yank", "ring", "1.0", "--registry", "reg").exitCode());
        assertEquals(2, run("yank", "Ring", "1.0.0", "--registry", "reg").exitCode());
    }
}
