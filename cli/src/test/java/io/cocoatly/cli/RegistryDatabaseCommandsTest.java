package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.registry.db.EmbeddedDatabase;
import io.cocoatly.testkit.GoldenFile;
import io.cocoatly.testkit.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registry migrate}, {@code registry serve --db} and the admin commands with {@code --db},
 * against a real PostgreSQL: one embedded server for the class (it takes seconds to start).
 */
class RegistryDatabaseCommandsTest {

    private static EmbeddedDatabase postgres;
    private static String port;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedDatabase.start(Path.of("target", "cli-embedded-pg-" + ProcessHandle.current().pid()).toAbsolutePath());
        port = Integer.toString(postgres.port());
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private CliRunner.Result run(String... args) {
        return CliRunner.in(dir).run(args);
    }

    /** The superuser's maintenance database: never migrated by anything else, so the first migration is seen. */
    private static String maintenanceDatabase() {
        return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    }

    private static String masked(String text) {
        return text.replace(":" + port + "/", ":<port>/");
    }

    @Test
    void migrateCreatesTheSchemaThenFindsItUpToDate() throws Exception {
        CliRunner.Result first = run("registry", "migrate", "--db", maintenanceDatabase());
        assertEquals(0, first.exitCode(), first.err());
        CliRunner.Result again = run("registry", "migrate", "--db", maintenanceDatabase());
        assertEquals(0, again.exitCode(), again.err());
        GoldenFile.assertMatches("registry-db/migrate", masked(first.out() + again.out()));

        CliRunner.Result json = run("registry", "migrate", "--db", maintenanceDatabase(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode data = Json.mapper().readTree(json.out()).get("data");
        assertEquals("1", data.get("before").asText());
        assertEquals("1", data.get("after").asText());
        assertEquals(0, data.get("applied").asInt());
        assertEquals(maintenanceDatabase(), data.get("database").asText());
    }

    @Test
    void migratingADatabaseThatIsNotThereFailsWithExit4() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRunner.Result r = run("registry", "migrate", "--db", "postgresql://owner:hunter2@127.0.0.1:" + closed + "/registry", "--json");
        assertEquals(4, r.exitCode(), r.out() + r.err());
        JsonNode error = Json.mapper().readTree(r.out()).get("error");
        assertEquals("migration-failed", error.get("code").asText());
        assertTrue(error.get("message").asText().startsWith("cannot migrate postgresql://owner:***@127.0.0.1:" + closed + "/registry"),
                error.get("message").asText());
        assertFalse(r.out().contains("hunter2"), "the password is never shown");
    }

    @Test
    void refusalsNameTheProblem() {
        assertEquals(0, run("registry", "init", "reg", "--name", "team").exitCode());
        List<List<String>> commands = List.of(
                List.of("registry", "migrate", "--db", "mysql://root@localhost/registry"),
                List.of("registry", "migrate", "--db", "embedded"),
                List.of("registry", "migrate", "--db", maintenanceDatabase(), "--server-role", "x\"; DROP ROLE y; --"),
                List.of("registry", "serve"),
                List.of("registry", "serve", "reg", "--db", "embedded"),
                List.of("registry", "serve", "reg", "--artifacts", "file:/srv/artifacts"),
                List.of("registry", "serve", "--db", "postgresql://authenticator@db.internal/registry"),
                List.of("registry", "serve", "--db", "postgresql://alice:hunter2@/registry", "--artifacts", "file:/srv/a"),
                List.of("registry", "serve", "--db", "embedded", "--db-read", "postgresql://authenticator@replica/registry"),
                List.of("registry", "serve", "--db", "postgresql://authenticator@db/registry", "--db-read", "replica/registry",
                        "--artifacts", "file:/srv/a"),
                List.of("registry", "token", "list"),
                List.of("registry", "token", "list", "--registry", "reg", "--db", "embedded"),
                List.of("registry", "user", "add", "alice", "--key", TestData.path("testdata/keys/sample.pub").toString(),
                        "--db", "localhost/registry"));
        List<String> errors = new ArrayList<>();
        for (List<String> command : commands) {
            CliRunner.Result r = run(command.toArray(String[]::new));
            assertEquals(2, r.exitCode(), command + ": " + r.err());
            assertEquals("", r.out(), command.toString());
            assertFalse(r.err().contains("hunter2"), "the password is never shown");
            errors.add("$ " + masked(String.join(" ", command)).replace(TestData.path("testdata").toString(), "<testdata>") + "\n"
                    + r.err());
        }
        GoldenFile.assertMatches("registry-db/refusals", String.join("---\n", errors));
    }

    @Test
    void importThenExportIsAByteIdenticalRoundTrip() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        // The sample registry has no .cocoatly-server: its signatures are checked against the trusted key.
        InstallFixture.trust(home, Files.readString(TestData.path("testdata/keys/sample.pub"))
                .replaceAll("(?s).*\"public_key\" *: *\"([^\"]+)\".*", "$1"));
        Path source = dir.resolve("source");
        SampleProject.copyTree(TestData.path("testdata/registry"), source);
        String db = postgres.database("roundtrip").server().toString();
        CliRunner runner = new CliRunner(dir, Map.of("COCOATLY_HOME", home.toString()));

        CliRunner.Result imported = runner.run("registry", "import", "source", "--db", db);
        CliRunner.Result exported = runner.run("registry", "export", "--db", db, "exported");
        CliRunner.Result again = runner.run("registry", "import", "source", "--db", db, "--json");

        assertEquals(0, imported.exitCode(), imported.err());
        assertEquals(0, exported.exitCode(), exported.err());
        GoldenFile.assertMatches("registry-db/import-export", (imported.out() + exported.out()).replace(port, "PORT")
                .replace(dir.toString(), "<dir>"));
        assertEquals(4, again.exitCode(), again.out());
        GoldenFile.assertMatches("registry-db/import-not-empty", again.out().replace(port, "PORT"));
        Map<String, String> exportedFiles = new java.util.TreeMap<>(io.cocoatly.testkit.FileTree.describe(dir.resolve("exported")));
        exportedFiles.keySet().removeIf(path -> path.startsWith(".cocoatly-server/"));
        Map<String, String> sourceFiles = new java.util.TreeMap<>(io.cocoatly.testkit.FileTree.describe(source));
        // The sample's README is no registry file: an export has none.
        sourceFiles.keySet().removeIf(path -> path.startsWith(".registry.lock") || path.equals("README.md"));
        exportedFiles.keySet().removeIf(path -> path.startsWith(".registry.lock"));
        assertEquals(sourceFiles, exportedFiles);
    }

    // Needs RegistryServer.start(RegistryFiles, …) (serve branch) and PostgresBackend's users and
    // tokens (write branch) of issue 12: both throw UnsupportedOperationException on this branch.
    @Test
    void serveDbEmbeddedRunsUnderTheHomeAndTheAdminCommandsReachIt() throws Exception {
        Path home = dir.resolve("home");
        Process serve = serve(home, "--db", "embedded");
        String database;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            URI url = URI.create(out.readLine());
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            Matcher announced = Pattern.compile("database: embedded PostgreSQL, (postgresql://authenticator@127\\.0\\.0\\.1:\\d+/registry)\n")
                    .matcher(stderr);
            assertTrue(announced.lookingAt(), stderr);
            database = announced.group(1);
            assertTrue(Files.isDirectory(home.resolve("registry-db")), "the data is under the home");

            CliRunner.Result added = run("registry", "user", "add", "alice", "--key",
                    TestData.path("testdata/keys/sample.pub").toString(), "--db", database);
            assertEquals(0, added.exitCode(), added.err());
            GoldenFile.assertMatches("registry-server/user-add", added.out());
            CliRunner.Result created = run("registry", "token", "create", "--db", database, "--user", "alice");
            assertEquals(0, created.exitCode(), created.err());
            assertTrue(created.out().trim().matches("cocoatly_[A-Za-z0-9]{32}"), created.out());
            CliRunner.Result listed = run("registry", "token", "list", "--db", database, "--json");
            assertEquals(1, Json.mapper().readTree(listed.out()).get("data").get("tokens").size());

            // In the server's home, `--db embedded` reaches the PostgreSQL the server runs; a second
            // server on it is refused, naming the URL to share it by.
            CliRunner inHome = new CliRunner(dir, Map.of("COCOATLY_HOME", home.toString()));
            CliRunner.Result sameHome = inHome.run("registry", "token", "list", "--db", "embedded", "--json");
            assertEquals(0, sameHome.exitCode(), sameHome.err());
            assertEquals(1, Json.mapper().readTree(sameHome.out()).get("data").get("tokens").size());
            CliRunner.Result second = inHome.run("registry", "serve", "--db", "embedded", "--port", "0");
            assertEquals(4, second.exitCode(), second.err());
            GoldenFile.assertMatches("registry-server/serve-embedded-in-use", second.err().replace(home.toString(), "<HOME>")
                    .replaceAll("process \\d+", "process <pid>").replace(database, "<database>"));

            HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("index/nothing.json"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(143, serve.exitValue());
        assertTrue(Files.readString(dir.resolve("stderr.txt")).endsWith("stopped serving " + database + "\n"));
    }

    @Test
    void serveStartsWhileTheDatabaseIsAwayAndAnswers503() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String database = "postgresql://authenticator@127.0.0.1:" + closed + "/registry";
        Process serve = serve(dir.resolve("home"), "--db", database, "--artifacts", dir.resolve("artifacts").toUri().toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            URI url = URI.create(out.readLine());
            assertEquals("warning: the database " + database + " is not reachable; answering 503 until it is\n",
                    Files.readString(dir.resolve("stderr.txt")));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("index/http.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode());
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS));
        }
    }

    private Process serve(Path home, String... args) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "registry", "serve", "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = new HashMap<>(Map.of("COCOATLY_HOME", home.toString()));
        pb.environment().putAll(CliRunner.withTestHome(env));
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb.start();
    }
}
