package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.ConfigLayers;
import io.cocoatly.registry.server.RegistryServer;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's day with a registry of its own, every part real: {@code cocoatly registry serve} on
 * loopback, a publisher and a token made with the server-side commands, {@code publish} and
 * {@code yank} through the write API, and {@code lock}, {@code install}, {@code resolve},
 * {@code search} and {@code info} reading it back over HTTP. No output ever holds the token. Run
 * against a registry directory and a PostgreSQL registry alike: no client can tell them apart.
 */
abstract class ServedRegistryEndToEndTest {

    @TempDir
    Path dir;

    private RegistryServer server;
    String url;
    private String token;
    private final List<String> outputs = new ArrayList<>();

    /** Creates the registry the admin commands then reach with {@link #registryOption()}. */
    abstract void createRegistry() throws IOException;

    /** How the admin commands name the registry: {@code --registry DIR} or {@code --db URL}. */
    abstract List<String> registryOption();

    /** Starts serving it. */
    abstract RegistryServer startServer() throws IOException;

    /** Stops what {@link #startServer()} started besides the server. */
    void stopBackend() {
    }

    @BeforeEach
    void serve() throws IOException {
        assertOk(run(false, "keygen", "--out", "keys"));
        createRegistry();
        assertOk(run(false, admin("registry", "user", "add", "alice", "--key", "keys/cocoatly.pub")));
        // The one output that shows the token, by design: it is not among those checked.
        CliRunner.Result created = new CliRunner(dir, Map.of("COCOATLY_HOME", dir.resolve("home").toString()))
                .run(admin("registry", "token", "create", "--user", "alice"));
        assertOk(created);
        token = created.out().strip();
        server = startServer();
        url = server.url().toString();
        Files.createDirectories(dir.resolve("home"));
        InstallFixture.trust(dir.resolve("home"), Files.readString(dir.resolve("keys/cocoatly.pub"))
                .replaceAll("(?s).*\"public_key\" *: *\"([^\"]+)\".*", "$1"));
    }

    @AfterEach
    void stop() {
        server.close();
        stopBackend();
        for (String output : outputs) {
            assertFalse(output.contains(token), "the token appeared in an output: " + output);
        }
    }

    @Test
    void publishThroughTheApiThenLockInstallAndYankOverHttp() throws IOException {
        PublishFixture.packageDir(dir.resolve("base-1"), "base", "1.0.0", "");
        PublishFixture.packageDir(dir.resolve("base-2"), "base", "1.1.0", "");
        PublishFixture.packageDir(dir.resolve("web"), "web", "1.0.0", "\"base\": \"^1.0\"");
        for (String pkg : List.of("base-1", "base-2", "web")) {
            assertOk(run(true, "publish", pkg, "--registry", url, "--key", "keys/cocoatly.key"));
        }
        CliRunner.Result again = run(true, "publish", "web", "--registry", url, "--key", "keys/cocoatly.key");
        assertEquals(4, again.exitCode(), again.err());

        Path app = dir.resolve("app");
        PublishFixture.write(app.resolve("cocoatly.json"),
                "{\"name\": \"app\", \"version\": \"0.1.0\", \"dependencies\": {\"web\": \"^1.0\"}}");
        assertOk(run(app, false, "lock", "--registry", url));
        String lockfile = Files.readString(app.resolve("cocoatly-lock.json"));
        assertTrue(lockfile.contains(url + "artifacts/base/base-1.1.0.tar.gz"), lockfile);
        assertOk(run(app, false, "install", "--registry", url));
        assertOk(run(app, false, "verify"));

        assertTrue(run(false, "search", "b", "--registry", url).out().contains("base  1.1.0"));
        assertOk(run(true, "yank", "base@1.1.0", "--registry", url));
        CliRunner.Result info = run(false, "info", "base", "--registry", url);
        assertTrue(info.out().contains("owners: alice"), info.out());
        assertTrue(info.out().matches("(?s).*1\\.1\\.0 [^\\n]*yanked.*"), info.out());
        // The index file is fresh for the server's max-age; --refresh revalidates and sees the yank.
        CliRunner.Result resolved = run(app, false, "resolve", "--registry", url, "--refresh");
        assertOk(resolved);
        assertTrue(resolved.out().matches("(?s).*\\bbase +1\\.0\\.0 .*"), resolved.out());
    }

    @Test
    void ownersAreListedAddedAndRemovedByAnOwner() throws IOException {
        assertOk(run(false, "keygen", "--out", "keys-bob"));
        assertOk(run(false, admin("registry", "user", "add", "bob", "--key", "keys-bob/cocoatly.pub")));
        PublishFixture.packageDir(dir.resolve("base"), "base", "1.0.0", "");
        assertOk(run(true, "publish", "base", "--registry", url, "--key", "keys/cocoatly.key"));

        StringBuilder transcript = new StringBuilder();
        for (List<String> step : List.of(List.of("base"), List.of("base", "--add", "bob"), List.of("base", "--add", "nobody"),
                List.of("base", "--remove", "alice,bob"), List.of("base", "--remove", "alice"), List.of("base", "--remove", "bob"), List.of("base", "--json"),
                List.of("base", "--registry", "reg"))) {
            List<String> args = new ArrayList<>(List.of("owner"));
            args.addAll(step);
            if (!step.contains("--registry")) {
                args.addAll(List.of("--registry", url));
            }
            CliRunner.Result r = run(true, args.toArray(String[]::new));
            transcript.append("$ cocoatly ").append(String.join(" ", args)).append("\nexit ").append(r.exitCode())
                    .append("\n").append(r.out()).append(r.err());
        }
        // alice removed herself: bob, the last owner, stays, and her token may no longer change the owners.
        GoldenFile.assertMatches("registry-server/owners", transcript.toString().replace(url, "<URL>/"));
    }

    private String[] admin(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(registryOption());
        return all.toArray(String[]::new);
    }

    CliRunner.Result run(boolean withToken, String... args) {
        return run(dir, withToken, args);
    }

    CliRunner.Result run(Path cwd, boolean withToken, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("COLUMNS", "100", "COCOATLY_HOME", dir.resolve("home").toString()));
        if (withToken) {
            env.put(ConfigLayers.TOKEN_VARIABLE, token);
        }
        CliRunner.Result r = new CliRunner(cwd, env).run(args);
        outputs.add(r.out());
        outputs.add(r.err());
        return r;
    }

    static void assertOk(CliRunner.Result r) {
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }
}
