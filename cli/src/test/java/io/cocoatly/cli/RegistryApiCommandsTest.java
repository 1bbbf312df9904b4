package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.testkit.FakeRegistryApi;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search}, {@code info}, {@code publish} and {@code yank} against a registry's API, here
 * {@link FakeRegistryApi} on loopback (the real server is tested against it after the merge). Every
 * text is a golden file, with the server's port masked; no output ever holds the token.
 */
class RegistryApiCommandsTest {

    private static final String TOKEN = "cocoatly_clitoken0123456789abcdef";

    @TempDir
    Path dir;

    private FakeRegistryApi server;
    private String url;
    private final List<String> outputs = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        assertEquals(0, CliRunner.in(dir).run("keygen", "--out", "keys").exitCode());
        Ed25519PublicKey pub = Ed25519PublicKey.read(dir.resolve("keys/cocoatly.pub"));
        server = new FakeRegistryApi(TrustedKeys.of(List.of(pub)), TOKEN, true);
        url = server.registryUrl().toString();
        server.addPackage("http", "HTTP for shells", List.of("alice", "bob"), 42);
        server.addVersion("http", "1.1.0", false, 2, Map.of("tls", "^1.0"));
        server.addVersion("http", "1.2.0", false, 40, Map.of("tls", "^2.0", "log", ">=0.4, <0.6"));
        server.addVersion("http", "1.3.0", true, 1, Map.of());
        server.describe("http", "MIT OR Apache-2.0", "https://example.com/http", List.of("client", "web"),
                List.of("network-programming"));
        server.addPackage("http-client", null, List.of("bob"), -1);
        server.addVersion("http-client", "0.1.0", false, -1, Map.of());
        server.addPackage("tls", "TLS for shells", List.of("alice"), 7);
        server.addVersion("tls", "2.0.0", false, 7, Map.of());
    }

    @AfterEach
    void noOutputEverHoldsTheToken() {
        server.close();
        for (String output : outputs) {
            assertFalse(output.contains(TOKEN), output);
        }
    }

    private CliRunner.Result run(boolean withToken, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("COLUMNS", "100"));
        if (withToken) {
            env.put(io.cocoatly.config.ConfigLayers.TOKEN_VARIABLE, TOKEN);
        }
        CliRunner.Result r = new CliRunner(dir, env).run(args);
        outputs.add(r.out());
        outputs.add(r.err());
        return r;
    }

    private CliRunner.Result run(String... args) {
        return run(true, args);
    }

    private void golden(String name, CliRunner.Result r, int exit) {
        assertEquals(exit, r.exitCode(), r.out() + r.err());
        String text = "exit " + r.exitCode() + "\n--- stdout\n" + r.out() + "--- stderr\n" + r.err();
        GoldenFile.assertMatches(name, text.replace(url, "http://127.0.0.1:<port>/")
                .replaceAll("ed25519:[0-9a-f]{16}", "ed25519:<key id>"));
    }

    @Test
    void searchAsksTheServer() {
        golden("search/api-http", run("search", "http", "--registry", url), 0);
        assertEquals("/api/v1/packages?q=http&page=1&per_page=20", last().target());
        assertEquals(Optional.empty(), last().authorization(), "a read goes without the token first");
        golden("search/api-json", run("search", "http", "--registry", url, "--limit", "1", "--json"), 0);
    }

    @Test
    void infoShowsWhatTheServerKnows() {
        golden("info/api-http", run("info", "http", "--registry", url), 0);
        golden("info/api-http-json", run("info", "http", "--registry", url, "--json"), 0);
        golden("info/api-bare", run("info", "http-client", "--registry", url), 0);
    }

    @Test
    void infoOfAnUnknownNameSuggestsOneTheServerHas() {
        golden("info/api-unknown", run("info", "htp", "--registry", url), 2);
    }

    @Test
    void publishRefusesADependencyTheServerDoesNotHave() {
        PublishFixture.packageDir(dir.resolve("web"), "web", "1.0.0", "\"http\": \"^1.2\", \"htp\": \"^1.0\"");
        golden("publish/api-missing-dependency", run("publish", "web", "--registry", url, "--key", "keys/cocoatly.key"), 2);
        assertTrue(server.archive("web", "1.0.0").isEmpty(), "nothing uploaded");
    }

    @Test
    void publishUploadsTheSameSignedArchiveADirectoryPublishWrites() throws IOException {
        PublishFixture.packageDir(dir.resolve("web"), "web", "1.0.0", "\"http\": \"^1.2\"");
        golden("publish/api", run("publish", "web", "--registry", url, "--key", "keys/cocoatly.key"), 0);
        byte[] uploaded = server.archive("web", "1.0.0").orElseThrow();

        assertEquals(0, run("registry", "init", "reg", "--name", "team").exitCode());
        assertEquals(0, run("publish", "web", "--registry", "reg", "--key", "keys/cocoatly.key", "--allow-missing")
                .exitCode());
        Release local = FileRegistry.open(dir.resolve("reg")).find(PackageName.of("web")).orElseThrow().releases().get(0);
        Artifact artifact = local.artifact().orElseThrow();
        assertArrayEquals(Files.readAllBytes(dir.resolve("reg").resolve(artifact.url())), uploaded);
        String metadata = metadataOf(server.requests().stream().filter(r -> r.target().endsWith("/new")).findFirst()
                .orElseThrow().body());
        assertTrue(metadata.contains("\"ed25519\": \"" + artifact.signature().orElseThrow().ed25519() + "\""), metadata);
        assertTrue(metadata.contains("\"http\": \"^1.2\""), metadata);
    }

    @Test
    void publishJsonNamesTheRegistryByItsUrl() {
        PublishFixture.packageDir(dir.resolve("web"), "web", "1.0.0", "");
        CliRunner.Result r = run("publish", "web", "--registry", url, "--key", "keys/cocoatly.key", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\"registry\" : \"" + url + "\""), r.out());
    }

    @Test
    void publishingAnExistingVersionIsRefusedByTheServer() {
        PublishFixture.packageDir(dir.resolve("http"), "http", "1.2.0", "");
        golden("publish/api-exists", run("publish", "http", "--registry", url, "--key", "keys/cocoatly.key"), 4);
    }

    @Test
    void publishWithoutATokenFailsBeforeUploading() {
        PublishFixture.packageDir(dir.resolve("web"), "web", "1.0.0", "");
        golden("publish/api-no-token", run(false, "publish", "web", "--registry", url, "--key", "keys/cocoatly.key"), 4);
        assertTrue(server.requests().stream().noneMatch(r -> r.target().endsWith("/new")));
    }

    @Test
    void aRefusalThatEchoesTheTokenShowsItNeverNotEvenVerbose() {
        PublishFixture.packageDir(dir.resolve("web"), "web", "1.0.0", "");
        server.failNext(403, "token " + TOKEN + " may not publish `web`");
        golden("publish/api-forbidden", run("publish", "web", "--registry", url, "--key", "keys/cocoatly.key"), 4);
        server.failNext(403, "token " + TOKEN + " may not publish `web`");
        CliRunner.Result verbose = run("--verbose", "publish", "web", "--registry", url, "--key", "keys/cocoatly.key");
        assertEquals(4, verbose.exitCode());
        assertTrue(verbose.err().contains("CocoatlyException"), "the stack trace is there: " + verbose.err());
    }

    @Test
    void theWriteApiSaysNoTokenARefusedTokenAndA403WithTheReadSidesCodes() {
        PublishFixture.packageDir(dir.resolve("web"), "web", "1.0.0", "");
        String[] publish = {"publish", "web", "--registry", url, "--key", "keys/cocoatly.key", "--json"};
        assertEquals("registry-auth-required", errorCode(run(false, publish)));

        CliRunner.Result refused = new CliRunner(dir, Map.of("COLUMNS", "100",
                io.cocoatly.config.ConfigLayers.TOKEN_VARIABLE, "cocoatly_revoked")).run(publish);
        outputs.add(refused.out());
        outputs.add(refused.err());
        assertEquals("registry-token-refused", errorCode(refused));
        assertEquals(Optional.of("Bearer cocoatly_revoked"), last().authorization(), "sent from the first request");
        assertFalse((refused.out() + refused.err()).contains("cocoatly_revoked"), refused.out() + refused.err());

        server.failNext(403, "token " + TOKEN + " may not publish `web`");
        assertEquals("registry-forbidden", errorCode(run(publish)));
        assertTrue(server.requests().stream().noneMatch(r -> r.target().endsWith("/new") && r.authorization().isEmpty()),
                "no publish went without the token");
    }

    /** The {@code error.code} of a {@code --json} run that failed with exit 4. */
    private static String errorCode(CliRunner.Result r) {
        assertEquals(4, r.exitCode(), r.out() + r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"code\" : \"([a-z-]+)\"").matcher(r.out());
        assertTrue(m.find(), r.out());
        return m.group(1);
    }

    @Test
    void aPublishThatGotNoAnswerIsNotSentAgainAndSaysHowToFindOut() {
        PublishFixture.packageDir(dir.resolve("web"), "web", "1.0.0", "");
        server.dropNext();
        CliRunner.Result r = run("publish", "web", "--registry", url, "--key", "keys/cocoatly.key");
        assertEquals(1, server.requests().stream().filter(q -> q.target().endsWith("/new")).count());
        // The I/O error's own words vary with timing (end of stream, reset); the rest is pinned.
        golden("publish/api-no-answer", new CliRunner.Result(r.exitCode(), r.out(),
                r.err().replaceAll("packages/new: .* after the request was sent", "packages/new: <I/O error> after the"
                        + " request was sent")), 4);
    }

    @Test
    void publishToARegistryWithoutAnApi() throws IOException {
        try (FakeRegistryApi plain = new FakeRegistryApi(TrustedKeys.none(), TOKEN, false)) {
            PublishFixture.packageDir(dir.resolve("web"), "web", "1.0.0", "");
            CliRunner.Result r = run("publish", "web", "--registry", plain.registryUrl().toString(), "--key",
                    "keys/cocoatly.key");
            GoldenFile.assertMatches("publish/api-none", ("exit " + r.exitCode() + "\n" + r.err())
                    .replace(plain.registryUrl().toString(), "http://127.0.0.1:<port>/"));
            assertEquals(2, r.exitCode());
        }
    }

    @Test
    void aWriteTakesTheTokenThatLoginStored() {
        Map<String, String> env = Map.of("COLUMNS", "100", "COCOATLY_HOME", dir.resolve("home").toString());
        CliRunner runner = new CliRunner(dir, env);
        CliRunner.Result before = runner.run("yank", "http@1.2.0", "--registry", url);
        CliRunner.Result login = runner.runWithInput(TOKEN + "\n", "login", "--registry", url);
        CliRunner.Result after = runner.run("yank", "http@1.2.0", "--registry", url);
        for (CliRunner.Result r : List.of(before, login, after)) {
            outputs.add(r.out());
            outputs.add(r.err());
        }

        assertEquals(4, before.exitCode(), before.err());
        assertEquals(0, login.exitCode(), login.err());
        assertEquals(0, after.exitCode(), after.err());
        assertEquals("Bearer " + TOKEN, last().authorization().orElseThrow());
    }

    @Test
    void yankAndUndoThroughTheApi() {
        golden("yank/api-yank", run("yank", "http@1.2.0", "--registry", url), 0);
        assertEquals(Optional.of(true), server.yanked("http", "1.2.0"));
        assertEquals(Optional.of("Bearer " + TOKEN), last().authorization());
        assertEquals("http@1.2.0 was already yanked\n", run("yank", "http", "1.2.0", "--registry", url).out());
        assertEquals("un-yanked http@1.2.0\n", run("yank", "http@1.2.0", "--registry", url, "--undo").out());
        assertEquals(Optional.of(false), server.yanked("http", "1.2.0"));
        golden("yank/api-unknown-version", run("yank", "http@9.0.0", "--registry", url), 2);
    }

    @Test
    void yankNeedsOneVersion() {
        golden("yank/no-version", run("yank", "http", "--registry", url), 2);
        golden("yank/two-versions", run("yank", "http@1.2.0", "1.2.0", "--registry", url), 2);
    }

    private FakeRegistryApi.Recorded last() {
        return server.requests().get(server.requests().size() - 1);
    }

    /** The JSON half of a publish body, read by its own length (the fake checked the framing already). */
    private static String metadataOf(byte[] body) {
        int length = java.nio.ByteBuffer.wrap(body).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        return new String(body, 4, length, java.nio.charset.StandardCharsets.UTF_8);
    }
}
