package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.testkit.GoldenFile;
import io.cocoatly.testkit.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registry serve}, {@code registry user add} and {@code registry token create|list|revoke}:
 * their texts against golden files (ids, token characters and dates masked), and {@code serve} as a
 * real process stopped by SIGTERM.
 */
class RegistryServeCommandTest {

    @TempDir
    Path dir;

    private CliRunner.Result run(String... args) {
        return CliRunner.in(dir).run(args);
    }

    @BeforeEach
    void registryWithAlice() {
        assertEquals(0, run("registry", "init", "reg", "--name", "team").exitCode());
        CliRunner.Result added = run("registry", "user", "add", "alice", "--key",
                TestData.path("testdata/keys/sample.pub").toString(), "--registry", "reg");
        assertEquals(0, added.exitCode(), added.err());
        GoldenFile.assertMatches("registry-server/user-add", added.out());
        CliRunner.Result again = run("registry", "user", "add", "alice", "--key",
                TestData.path("testdata/keys/sample.pub").toString(), "--registry", "reg");
        GoldenFile.assertMatches("registry-server/user-add-again", again.out());
    }

    static String mask(String text) {
        // Same widths as what they replace, so the table's columns stay aligned.
        return text.replaceAll("\\b[0-9a-f]{12}\\b", "<token-id-->")
                .replaceAll("cocoatly_[A-Za-z0-9]{4}…", "cocoatly_****…")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "YYYY-MM-DDThh:mm:ssZ");
    }

    @Test
    void tokensAreShownOnceAndListedWithoutTheirText() throws Exception {
        CliRunner.Result created = run("registry", "token", "create", "--registry", "reg", "--user", "alice",
                "--scope", "publish-update,yank", "--packages", "http-*", "--packages", "tls", "--expires-in", "30");
        assertEquals(0, created.exitCode(), created.err());
        String token = created.out().trim();
        assertTrue(token.matches("cocoatly_[A-Za-z0-9]{32}"), created.out());
        GoldenFile.assertMatches("registry-server/token-create", mask(created.err()));
        CliRunner.Result all = run("registry", "token", "create", "--registry", "reg", "--user", "alice");
        assertEquals(0, all.exitCode());
        GoldenFile.assertMatches("registry-server/token-create-defaults", mask(all.err()));

        CliRunner.Result list = run("registry", "token", "list", "--registry", "reg");
        assertEquals(0, list.exitCode());
        GoldenFile.assertMatches("registry-server/token-list", mask(list.out()));
        assertFalse(list.out().contains(token.substring(13)));

        CliRunner.Result json = run("registry", "token", "list", "--registry", "reg", "--json");
        JsonNode tokens = Json.mapper().readTree(json.out()).get("data").get("tokens");
        assertEquals(2, tokens.size());
        String id = tokens.get(0).get("id").asText();
        assertEquals(List.of("publish-update", "yank"), List.of(tokens.get(0).get("scopes").get(0).asText(),
                tokens.get(0).get("scopes").get(1).asText()));
        assertFalse(json.out().contains(token.substring(13)));

        CliRunner.Result revoked = run("registry", "token", "revoke", id, "--registry", "reg");
        assertEquals(0, revoked.exitCode());
        GoldenFile.assertMatches("registry-server/token-revoke", mask(revoked.out()));
        GoldenFile.assertMatches("registry-server/token-list-revoked", mask(run("registry", "token", "list",
                "--registry", "reg").out()));
        String state = Files.readString(dir.resolve("reg/.cocoatly-server/tokens.json"));
        assertFalse(state.contains(token.substring(13)), "only the hash is stored");
    }

    @Test
    void theNestedCommandsHaveTheirHelp() {
        for (String command : List.of("user add", "token create", "token list", "token revoke")) {
            List<String> args = new ArrayList<>(List.of("registry"));
            args.addAll(List.of(command.split(" ")));
            args.add("--help");
            CliRunner.Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode());
            GoldenFile.assertMatches("help/registry-" + command.replace(' ', '-'), r.out());
        }
    }

    @Test
    void refusalsNameTheProblem() throws java.io.IOException {
        List<String> errors = new ArrayList<>();
        CliRunner.Result nobody = run("registry", "token", "create", "--registry", "reg", "--user", "carol");
        assertEquals(2, nobody.exitCode());
        errors.add(nobody.err().replace(dir.toString(), "<dir>"));
        CliRunner.Result scope = run("registry", "token", "create", "--registry", "reg", "--user", "alice", "--scope", "admin");
        assertEquals(2, scope.exitCode());
        errors.add(scope.err());
        CliRunner.Result glob = run("registry", "token", "create", "--registry", "reg", "--user", "alice", "--packages", "../x");
        assertEquals(2, glob.exitCode());
        errors.add(glob.err());
        CliRunner.Result revoke = run("registry", "token", "revoke", "abc", "--registry", "reg");
        assertEquals(2, revoke.exitCode());
        errors.add(revoke.err().replace(dir.toString(), "<dir>"));
        CliRunner.Result login = run("registry", "user", "add", "Alice Smith", "--key",
                TestData.path("testdata/keys/sample.pub").toString(), "--registry", "reg");
        assertEquals(2, login.exitCode());
        errors.add(login.err());
        CliRunner.Result noRegistry = run("registry", "serve", "nowhere");
        assertEquals(2, noRegistry.exitCode());
        errors.add(noRegistry.err().replace(dir.toString(), "<dir>"));
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRunner.Result busy = run("registry", "serve", "reg", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(4, busy.exitCode());
            errors.add(busy.err().replace(Integer.toString(taken.getLocalPort()), "<port>"));
        }
        CliRunner.Result port = run("registry", "serve", "reg", "--port", "70000");
        assertEquals(2, port.exitCode());
        errors.add(port.err());
        GoldenFile.assertMatches("registry-server/refusals", String.join("---\n", errors));
    }

    /** {@code registry serve reg --port 0 extra...} in a process of its own, stderr into stderr.txt. */
    private Process serve(String... extra) throws java.io.IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "registry", "serve", dir.resolve("reg").toString(), "--port", "0"));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(CliRunner.withTestHome(Map.of()));
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb.start();
    }

    @Test
    void quietLogsNoRequestThatWasAnsweredAsItShouldBe() throws Exception {
        Process serve = serve("--quiet");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            URI url = URI.create(out.readLine());
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(200, client.send(HttpRequest.newBuilder(url.resolve("registry.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(404, client.send(HttpRequest.newBuilder(url.resolve("index/nothing.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS));
        }
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertFalse(stderr.contains("GET "), stderr);
    }

    @Test
    void servePrintsItsUrlFirstLogsRequestsAndStopsOnSigterm() throws Exception {
        Process serve = serve("--index-max-age", "5");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            URI url = URI.create(out.readLine());
            assertEquals("127.0.0.1", url.getHost());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("registry.json"))
                    .header("Authorization", "Bearer cocoatly_secretNeverLogged").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("public, max-age=5, must-revalidate", r.headers().firstValue("cache-control").orElseThrow());
            // The file, with the API this server has.
            assertEquals("{\n  \"format\": 1,\n  \"name\": \"team\",\n  \"api\": \"api/v1/\"\n}\n", r.body());
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(143, serve.exitValue());
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertTrue(stderr.matches("GET /registry.json 200 \\d+ B \\d+\\.\\d ms\nstopped serving " + Pattern.quote(
                dir.resolve("reg").toString()) + "\n"), stderr);
        assertFalse(stderr.contains("secretNeverLogged"));
    }
}
