package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cocoatly init}: a new manifest named after its directory, never over an existing one. */
class InitCommandTest {

    @TempDir
    Path temp;

    @Test
    void namesThePackageAfterTheDirectory() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("My Tool (v2)!"));
        CliRunner.Result r = CliRunner.in(dir).run("init");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("Created " + dir.resolve("cocoatly.json") + " for package `my-tool-v2` 0.1.0.\n", r.out());
        GoldenFile.assertMatches("workflow/init.json", Files.readString(dir.resolve("cocoatly.json")));
    }

    @Test
    void aDirectoryArgumentIsCreatedAndNameChosen() throws IOException {
        CliRunner.Result r = CliRunner.in(temp).run("init", "sub/app", "--name", "tool", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode data = Json.mapper().readTree(r.out()).get("data");
        assertEquals("tool", data.get("name").asText());
        assertEquals("0.1.0", data.get("version").asText());
        assertEquals(temp.resolve("sub/app/cocoatly.json").toString(), data.get("manifest").asText());
        CliRunner.Result tree = CliRunner.in(temp.resolve("sub/app")).run("tree");
        assertEquals("error: no lockfile at `cocoatly-lock.json`\nhint: run `cocoatly lock` to create it\n", tree.err(),
                "the manifest reads; only the lockfile is missing");
    }

    @Test
    void anExistingManifestIsNeverOverwritten() throws IOException {
        Files.writeString(temp.resolve("cocoatly.json"), "{}");
        CliRunner.Result r = CliRunner.in(temp).run("init");
        assertEquals(4, r.exitCode());
        assertEquals("error: `" + temp.resolve("cocoatly.json") + "` already exists\n"
                + "hint: edit it, or use `cocoatly add` and `cocoatly remove` to change its dependencies\n", r.err());
        assertEquals("{}", Files.readString(temp.resolve("cocoatly.json")));
        CliRunner.Result json = CliRunner.in(temp).run("init", "--json");
        assertEquals("manifest-exists", Json.mapper().readTree(json.out()).get("error").get("code").asText());
    }

    @Test
    void aNameThatCannotBeAPackageNameIsRefused() throws IOException {
        CliRunner.Result r = CliRunner.in(temp).run("init", "x", "--name", "My App");
        assertEquals(2, r.exitCode());
        assertEquals("invalid-package-name", Json.mapper().readTree(CliRunner.in(temp).run("init", "x", "--name", "My App",
                "--json").out()).get("error").get("code").asText());
        Path odd = Files.createDirectories(temp.resolve("___"));
        CliRunner.Result unnamed = CliRunner.in(odd).run("init");
        assertEquals(2, unnamed.exitCode());
        assertEquals("error: cannot make a package name of the directory name `___`\nhint: choose one with `--name NAME`\n",
                unnamed.err());
    }
}
