package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that others read (a registry a web server serves, a lockfile, {@code global.json}, a public
 * key) get the mode any new file gets under the process umask, {@code rw-r--r--} under the usual
 * 022; secrets and the home's own state stay {@code rw-------}. Skipped where files have no POSIX
 * permissions.
 */
class FileModesTest {

    private static final String OWNER_ONLY = "rw-------";

    @TempDir
    Path dir;

    /** What {@code Files.createFile} gives here: the mode under this process's umask. */
    private String plain;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        plain = mode(Files.createFile(dir.resolve("plain")));
        cli = new CliRunner(dir, Map.of("COLUMNS", "100", "COCOATLY_HOME", dir.resolve("home").toString(),
                "HOME", dir.toString()));
    }

    @Test
    void publishYankLockAndInstallWriteFilesOthersCanRead() throws IOException {
        ok("keygen", "--out", "keys");
        ok("registry", "init", "reg", "--name", "team");
        PublishFixture.packageDir(dir.resolve("ring"), "ring", "0.17.0", "");
        ok("publish", "ring", "--registry", "reg", "--key", "keys/cocoatly.key");
        ok("yank", "ring", "0.17.0", "--registry", "reg");
        ok("yank", "ring", "0.17.0", "--registry", "reg", "--undo");
        PublishFixture.write(dir.resolve("app/cocoatly.json"),
                "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"ring\": \"^0.17\"}}");
        CliRunner.Result lock = new CliRunner(dir.resolve("app"), Map.of("COLUMNS", "100")).run("lock", "--registry",
                dir.resolve("reg").toString());
        assertEquals(0, lock.exitCode(), lock.err());
        PublishFixture.write(dir.resolve("home/config.json"), "{\"security\": {\"trusted_keys\": [\""
                + dir.resolve("keys/cocoatly.pub") + "\"]}}");
        ok("install", "ring@^0.17", "--registry", "reg", "--quiet");

        Map<String, String> expected = new TreeMap<>();
        expected.put("keys/cocoatly.key", OWNER_ONLY);
        expected.put("keys/cocoatly.pub", plain);
        expected.put("reg/registry.json", plain);
        expected.put("reg/names.json", plain);
        expected.put("reg/index/ring.json", plain);
        expected.put("reg/artifacts/ring/ring-0.17.0.tar.gz", plain);
        expected.put("app/cocoatly-lock.json", plain);
        expected.put("home/global.json", plain);
        // state.json is the home's own bookkeeping: it stays as it was, owner-only (docs/publishing.md).
        expected.put("home/state.json", OWNER_ONLY);
        Map<String, String> actual = new TreeMap<>();
        for (String file : expected.keySet()) {
            actual.put(file, mode(dir.resolve(file)));
        }
        assertEquals(expected, actual);
        try (Stream<Path> left = Files.list(dir.resolve("reg/artifacts/ring"))) {
            assertEquals(1, left.count(), "no temp file left next to the artifact");
        }
    }

    private void ok(String... args) {
        CliRunner.Result r = cli.run(args);
        assertEquals(0, r.exitCode(), r.err());
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
