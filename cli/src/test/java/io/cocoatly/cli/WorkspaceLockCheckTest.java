package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lock --check} on a workspace names the member whose requirements changed and what changed,
 * against a real signed registry; the text is a golden file, the temporary directory shown as {@code <dir>}.
 */
class WorkspaceLockCheckTest {

    @TempDir
    Path dir;

    private void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void lockCheckNamesTheMemberWhoseRequirementsChangedAndWhat() throws IOException {
        InstallFixture fixture = InstallFixture.in(dir);
        fixture.registry().add("b", "1.0.0", Map.of("b.txt", "b 1.0.0\n"));
        fixture.registry().add("a", "1.0.0", Map.of("a.txt", "a 1.0.0\n"), "b@1.0.0");
        fixture.registry().add("t", "1.0.0", Map.of("t.txt", "t 1.0.0\n"));
        String registry = fixture.registryDir().toString();
        Path root = Files.createDirectories(dir.resolve("repo"));
        write(root, "cocoatly.json", "{\"workspace\": {\"members\": [\"libs/*\", \"apps/web\"]}}");
        write(root, "libs/core/cocoatly.json", "{\"name\": \"core\", \"version\": \"1.2.0\", \"dependencies\":"
                + " {\"a\": \"^1\"}}");
        write(root, "apps/web/cocoatly.json", "{\"name\": \"web\", \"version\": \"0.1.0\", \"dependencies\":"
                + " {\"core\": \"^1.2\", \"b\": \"*\"}}");
        assertEquals(0, fixture.cli(root).run("lock", "--registry", registry).exitCode());

        write(root, "apps/web/cocoatly.json", "{\"name\": \"web\", \"version\": \"0.1.0\", \"dependencies\":"
                + " {\"core\": \"^1.2\", \"b\": \"^1\"}, \"dev-dependencies\": {\"t\": \"^1\"}}");
        CliRunner.Result r = fixture.cli(root.resolve("apps/web")).run("lock", "--check", "--registry", registry);
        assertEquals(3, r.exitCode(), r.err());
        GoldenFile.assertMatches("workspace/lock-check-member-requirements", ("exit " + r.exitCode() + "\n--- stdout\n"
                + r.out() + "--- stderr\n" + r.err()).replace(dir.toString(), "<dir>"));
    }
    /**
     * The lockfile and the registry are read on a second thread while the members are read
     * (ReadAhead), yet each failure is reported as reading one thing after the other would: a broken
     * member before a missing lockfile, a missing lockfile before a missing registry, a malformed
     * index file the check asks for again and reports.
     */
    @Test
    void errorsComeInTheOrderOfReadingOneThingAfterTheOther() throws IOException {
        InstallFixture fixture = InstallFixture.in(dir);
        fixture.registry().add("a", "1.0.0", Map.of("a.txt", "a 1.0.0\n"));
        String registry = fixture.registryDir().toString();
        Path root = Files.createDirectories(dir.resolve("repo"));
        write(root, "cocoatly.json", "{\"workspace\": {\"members\": [\"libs/*\"]}}");
        write(root, "libs/core/cocoatly.json", "{\"name\": \"core\", \"version\": \"1.2.0\", \"dependencies\": {\"a\": 1}}");
        for (String command : new String[] {"lock --check", "install --locked"}) {
            String[] args = (command + " --registry " + registry).split(" ");
            CliRunner.Result r = fixture.cli(root).run(args);
            assertEquals(2, r.exitCode(), command + ": " + r.err());
            assertTrue(r.err().contains("libs/core/cocoatly.json") && !r.err().contains("no lockfile"), r.err());
        }
        write(root, "libs/core/cocoatly.json", "{\"name\": \"core\", \"version\": \"1.2.0\", \"dependencies\": {\"a\": \"^1\"}}");
        CliRunner.Result missing = fixture.cli(root).run("lock", "--check");
        assertEquals(3, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("no lockfile at `cocoatly-lock.json`"), missing.err());

        assertEquals(0, fixture.cli(root).run("lock", "--registry", registry).exitCode());
        CliRunner.Result noRegistry = fixture.cli(root).run("lock", "--check");
        assertEquals(2, noRegistry.exitCode(), noRegistry.err());
        assertTrue(noRegistry.err().contains("no registry given"), noRegistry.err());

        Files.writeString(fixture.registryDir().resolve("index/a.json"), "{\"name\": \"a\", \"versions\": {}}");
        for (String command : new String[] {"lock --check", "install --locked"}) {
            CliRunner.Result r = fixture.cli(root).run((command + " --registry " + registry).split(" "));
            assertEquals(2, r.exitCode(), command + ": " + r.err());
            assertTrue(r.err().contains("a.json") && r.err().contains("$.versions"), r.err());
        }
    }
}
