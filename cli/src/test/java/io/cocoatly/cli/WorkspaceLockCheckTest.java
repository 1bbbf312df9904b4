package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
