package io.cocoatly.cli;

import io.cocoatly.testkit.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the install tests share, in one temporary directory: a signed registry directory named
 * {@code local} ({@code registry/}, its key in {@code keys/}), a Cocoatly home ({@code home/}) whose
 * {@code config.json} trusts that key, and the environment that points the CLI at that home (with
 * {@code HOME} the temporary directory, so nothing reaches the user's).
 */
final class InstallFixture {

    private final Path dir;
    private final TestRegistry registry;

    private InstallFixture(Path dir, TestRegistry registry) {
        this.dir = dir;
        this.registry = registry;
    }

    /** Creates the registry (empty: add packages with {@link #registry()}) and the home in {@code dir}. */
    static InstallFixture in(Path dir) throws IOException {
        TestRegistry registry = TestRegistry.indexed(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")), "local");
        Files.createDirectories(dir.resolve("home"));
        trust(dir.resolve("home"), registry.key().publicKey().base64());
        return new InstallFixture(dir, registry);
    }

    /** Writes {@code home}'s {@code config.json} trusting {@code key} alone (inline base64 or a key file's path). */
    static void trust(Path home, String key) throws IOException {
        Files.writeString(home.resolve("config.json"), "{\"security\": {\"trusted_keys\": [\"" + key + "\"]}}");
    }

    /** The registry, to publish packages to. */
    TestRegistry registry() {
        return registry;
    }

    /** The registry's directory, as {@code --registry} takes it. */
    Path registryDir() {
        return registry.root();
    }

    Path home() {
        return dir.resolve("home");
    }

    /**
     * A project directory {@code project/} with a manifest {@code app 0.1.0} whose dependencies are
     * {@code dependencies}, a JSON object such as {@code {"a": "^1.0"}}.
     */
    Path project(String dependencies) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("cocoatly.json"),
                "{\"name\": \"app\", \"version\": \"0.1.0\", \"dependencies\": " + dependencies + "}");
        return project;
    }

    /** The environment of a command on this home, a fresh map to add to. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("COLUMNS", "100");
        env.put("COCOATLY_HOME", home().toString());
        env.put("HOME", dir.toString());
        return env;
    }

    /** The in-process CLI in {@code cwd} with {@link #env()}. */
    CliRunner cli(Path cwd) {
        return cli(cwd, Map.of());
    }

    /** The in-process CLI in {@code cwd} with {@link #env()} and {@code variables}. */
    CliRunner cli(Path cwd, Map<String, String> variables) {
        Map<String, String> env = env();
        env.putAll(variables);
        return new CliRunner(cwd, env);
    }
}
