package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed JSON in the files users edit or copy by hand, as the commands that read them report it:
 * the file, the JSON path, line and column, and the problem in Cocoatly's words, never Jackson's.
 * One representative of each reader: a key file (the artifact module's own reader), the home's
 * config, a registry index file and a lockfile. Texts are golden files, the directory shown as
 * {@code <dir>}.
 */
class MalformedJsonMessagesTest {

    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir, Map.of("COLUMNS", "100", "COCOATLY_HOME", dir.resolve("home").toString(),
                "HOME", dir.toString()));
    }

    private void golden(String name, CliRunner.Result r, int exit) {
        assertEquals(exit, r.exitCode(), r.out() + r.err());
        String text = "exit " + r.exitCode() + "\n--- stdout\n" + r.out() + "--- stderr\n" + r.err();
        GoldenFile.assertMatches(name, text.replace(dir.toString(), "<dir>"));
        for (String jackson : new String[] {"(code", "jackson", "Feature", "was expecting", "Unexpected", "token '"}) {
            assertEquals(false, text.contains(jackson), text);
        }
    }

    @Test
    void aKeyFileWithATrailingComma() throws IOException {
        Path key = dir.resolve("keys/cocoatly.key");
        PublishFixture.write(key, "{\n  \"format\": \"cocoatly-ed25519-private-v1\",\n}\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertEquals(0, cli.run("registry", "init", "reg", "--name", "team").exitCode());
        PublishFixture.packageDir(dir.resolve("p"), "log", "0.4.2", "");
        golden("errors/key-file", cli.run("publish", "p", "--registry", "reg", "--key", "keys/cocoatly.key"), 2);
    }

    @Test
    void aConfigWithAComment() {
        PublishFixture.write(dir.resolve("home/config.json"), "{\n  // more retries on the train\n  \"network\": {\"retries\": 5}\n}\n");
        assertEquals(0, new CliRunner(dir, Map.of("HOME", dir.toString())).run("registry", "init", "reg", "--name", "team")
                .exitCode());
        golden("errors/config", cli.run("search", "http", "--registry", "reg"), 2);
    }

    @Test
    void anIndexFileWithAMissingColon() {
        assertEquals(0, cli.run("registry", "init", "reg", "--name", "team").exitCode());
        PublishFixture.write(dir.resolve("reg/index/http.json"), "{\"name\": \"http\", \"versions\": [{\"version\" \"1.0.0\"}]}\n");
        golden("errors/index", cli.run("info", "http", "--registry", "reg"), 2);
    }

    @Test
    void aLockfileWithAnUnquotedValue() {
        PublishFixture.write(dir.resolve("app/cocoatly.json"), "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {}}\n");
        PublishFixture.write(dir.resolve("app/cocoatly-lock.json"), "{\n  \"lockfile-version\": 1,\n  \"packages\": [tls]\n}\n");
        golden("errors/lockfile", new CliRunner(dir.resolve("app"), Map.of("COLUMNS", "100", "COCOATLY_HOME",
                dir.resolve("home").toString(), "HOME", dir.toString())).run("tree"), 2);
    }
}
