package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Manifest;
import io.cocoatly.registry.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: {@code cocoatly install --registry http://127.0.0.1:PORT} against a real
 * {@code python3 -m http.server} (HTTP/1.0: it closes the connection after every response) serving
 * a copy of {@code testdata/registry}. It used to fail every time with "unexpected end of stream".
 *
 * <p>The lockfile is written first from the same registry as a directory and pointed at the server,
 * so that this test is about downloads alone (locking over HTTP is {@link HttpRegistryParityTest}'s);
 * the install then downloads every artifact from the server.
 */
class InstallFromPythonHttpServerTest {

    private static final Path REPO = Path.of(System.getProperty("cocoatly.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void installDownloadsEveryArtifactFromPythonsHttpServer() throws Exception {
        Path registry = copyTree(REPO.resolve("testdata/registry"), dir.resolve("registry"));
        Path home = Files.createDirectories(dir.resolve("home"));
        InstallFixture.trust(home, REPO.resolve("testdata/keys/sample.pub").toString());
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.copy(REPO.resolve("testdata/demo/cocoatly.json"), project.resolve("cocoatly.json"));
        CliRunner cli = new CliRunner(project, Map.of("COLUMNS", "100", "COCOATLY_HOME", home.toString(),
                "HOME", dir.toString()));
        CliRunner.Result lock = cli.run("lock", "--registry", registry.toString());
        assertEquals(0, lock.exitCode(), lock.err());

        Path log = dir.resolve("http-server.log");
        try (PythonHttpServer server = PythonHttpServer.serve(registry, log)) {
            // The lockfile records where its source is; pointed at the server, it is the lockfile a lock
            // against `http://127.0.0.1:PORT/` writes, and install needs nothing else.
            Path lockfile = project.resolve("cocoatly-lock.json");
            Files.writeString(lockfile, Files.readString(lockfile).replace(registry.toUri().toString(),
                    server.uri().toString()));
            CliRunner.Result r = cli.run("install");

            assertEquals(0, r.exitCode(), r.err());
            assertFalse(r.err().contains("retrying"), "no attempt failed: " + r.err());
            List<String> installed = r.out().lines().filter(l -> l.startsWith("+ ")).map(l -> l.split(" ")[1] + "@"
                    + l.split(" ")[2]).sorted().collect(Collectors.toList());
            assertEquals(15, installed.size(), r.out());
            assertTrue(r.out().contains("Installed 15 packages (15 downloaded"), r.out());
            for (String id : installed) {
                String[] nv = id.split("@");
                Path dirOf = project.resolve(".cocoatly/packages").resolve(nv[0]).resolve(nv[1]);
                Manifest m = Manifests.read(dirOf.resolve(Manifests.FILE_NAME));
                assertEquals(id, m.id().toString());
                assertTrue(Files.isRegularFile(dirOf.resolve("README.md")), dirOf.toString());
            }
            assertEquals(installed, servedArtifacts(log), "every artifact came from the HTTP server");
            assertEquals(0, cli.run("verify", "--project").exitCode());
        }
    }

    /** The packages whose artifact the server answered 200 for, from its access log, sorted. */
    private static List<String> servedArtifacts(Path log) throws IOException {
        List<String> served = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            // 127.0.0.1 - - [date] "GET /artifacts/log/log-0.4.2.tar.gz HTTP/1.1" 200 -
            int at = line.indexOf("\"GET /artifacts/");
            if (at >= 0 && line.contains("\" 200 ")) {
                String file = line.substring(at + 5, line.indexOf(' ', at + 5));
                String name = file.split("/")[2];
                String version = file.split("/")[3].substring(name.length() + 1).replace(".tar.gz", "");
                served.add(name + "@" + version);
            }
        }
        served.sort(null);
        return served;
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return to;
    }
}
