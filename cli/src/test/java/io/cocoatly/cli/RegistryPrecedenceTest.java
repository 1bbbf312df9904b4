package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that reads a registry finds it the same way: {@code --registry} beats the environment,
 * which beats the project's {@code .cocoatly/config.json}, which beats the home's {@code config.json}.
 *
 * <p>Four registries, one per layer, each named after it and each holding exactly one version of
 * {@code x} ({@code 1.0.0} for the home, {@code 2.0.0} for the project, {@code 3.0.0} for the
 * environment, {@code 4.0.0} for the flag) that needs {@code y ^N.0}. Whatever a command prints
 * or writes shows which registry it read. Each case sets its layer and every layer below it, all
 * with relative paths, which each layer takes from its own directory.
 */
class RegistryPrecedenceTest {

    /** A layer that can name the registry, lowest first; {@link #version} is what its registry holds. */
    enum Layer {
        HOME, PROJECT, ENV, FLAG;

        String registryName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        String version() {
            return (ordinal() + 1) + ".0.0";
        }
    }

    @TempDir
    Path dir;

    private Path project() {
        return dir.resolve("app");
    }

    private Path registry(Layer layer) {
        return dir.resolve("registries").resolve(layer.registryName());
    }

    /** The registries, the home and the project; {@code top} and every layer below it name a registry. */
    private Invocation setUp(Layer top) throws IOException {
        for (Layer layer : Layer.values()) {
            int major = layer.ordinal() + 1;
            write(registry(layer).resolve("registry.json"), "{\"format\": 1, \"name\": \"" + layer.registryName() + "\"}");
            write(registry(layer).resolve("index/x.json"), "{\"name\": \"x\", \"versions\": [{\"version\": \"" + layer.version()
                    + "\", \"dependencies\": {\"y\": \"^" + major + ".0\"}}]}");
            write(registry(layer).resolve("index/y.json"), "{\"name\": \"y\", \"versions\": [{\"version\": \""
                    + layer.version() + "\"}]}");
        }
        write(project().resolve("cocoatly.json"), "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"x\": \"*\"}}");
        Path home = dir.resolve("home");
        write(home.resolve("config.json"), "{\"registry\": {\"url\": \"../registries/home\"}}");
        Map<String, String> env = new HashMap<>(Map.of("COCOATLY_HOME", home.toString(), "COLUMNS", "100"));
        List<String> flags = new ArrayList<>();
        if (top.compareTo(Layer.PROJECT) >= 0) {
            write(project().resolve(".cocoatly/config.json"), "{\"registry\": {\"url\": \"../registries/project\"}}");
        }
        if (top.compareTo(Layer.ENV) >= 0) {
            env.put("COCOATLY_REGISTRY", "../registries/env");
        }
        if (top == Layer.FLAG) {
            flags = List.of("--registry", "../registries/flag");
        }
        return new Invocation(project(), env, flags);
    }

    /** The command line of a case: its environment, and {@code --registry} if the case has the flag. */
    record Invocation(Path cwd, Map<String, String> env, List<String> flags) {
        CliRunner.Result run(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(flags);
            return new CliRunner(cwd, env).run(all.toArray(String[]::new));
        }
    }

    static Stream<Arguments> layers() {
        return Stream.of(Layer.values()).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("layers")
    void resolve(Layer top) throws IOException {
        CliRunner.Result r = setUp(top).run("resolve");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("x     " + top.version() + "    direct"), r.out());
    }

    @ParameterizedTest
    @MethodSource("layers")
    void why(Layer top) throws IOException {
        CliRunner.Result r = setUp(top).run("why", "y");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("y@" + top.version() + " is needed by 1 path:"), r.out());
    }

    @ParameterizedTest
    @MethodSource("layers")
    void check(Layer top) throws IOException {
        CliRunner.Result r = setUp(top).run("check", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String compact = r.out().replaceAll("\\s", "");
        assertTrue(compact.contains("{\"name\":\"x\",\"version\":\"" + top.version() + "\",\"installable\":true}"), r.out());
    }

    @ParameterizedTest
    @MethodSource("layers")
    void lock(Layer top) throws IOException {
        CliRunner.Result r = setUp(top).run("lock");
        assertEquals(0, r.exitCode(), r.err());
        assertLocked(top);
    }

    @ParameterizedTest
    @MethodSource("layers")
    void lockCheck(Layer top) throws IOException {
        Invocation run = setUp(top);
        lockFrom(top);
        CliRunner.Result r = run.run("lock", "--check");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().endsWith("valid in registry `" + top.registryName() + "`.\n"), r.out());
    }

    @ParameterizedTest
    @MethodSource("layers")
    void update(Layer top) throws IOException {
        CliRunner.Result r = setUp(top).run("update");
        assertEquals(0, r.exitCode(), r.err());
        assertLocked(top);
    }

    @ParameterizedTest
    @MethodSource("layers")
    void outdated(Layer top) throws IOException {
        Invocation run = setUp(top);
        lockFrom(Layer.HOME);
        CliRunner.Result r = run.run("outdated", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String compact = r.out().replaceAll("\\s", "");
        assertTrue(compact.contains("\"name\":\"x\",\"locked\":\"1.0.0\",\"compatible\":\"" + top.version() + "\",\"latest\":\""
                + top.version() + "\""), r.out());
    }

    @ParameterizedTest
    @MethodSource("layers")
    void tree(Layer top) throws IOException {
        Invocation run = setUp(top);
        lockFrom(top);
        CliRunner.Result r = run.run("tree");
        assertEquals(0, r.exitCode(), r.err());
        // Only the registry of `top` has x@top, whose dependency on y the tree shows.
        int major = top.ordinal() + 1;
        assertEquals("app 1.0.0\n└── x " + top.version() + " (*)\n    └── y " + top.version() + " (^" + major + ".0)\n",
                r.out());
    }

    @ParameterizedTest
    @MethodSource("layers")
    void install(Layer top) throws IOException {
        CliRunner.Result r = setUp(top).run("install");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("+ x " + top.version() + "\n+ y " + top.version() + "\n"), r.out());
        assertLocked(top);
    }

    private void lockFrom(Layer layer) {
        CliRunner.Result r = new CliRunner(project(), Map.of("COCOATLY_HOME", dir.resolve("home").toString()))
                .run("lock", "--registry",
                registry(layer).toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    private void assertLocked(Layer top) {
        assertEquals(List.of(PackageId.of("x", top.version()), PackageId.of("y", top.version())),
                LockfileReader.read(project().resolve("cocoatly-lock.json")).ids());
    }

    @Test
    void theLayeredVariableBeatsTheDocumentedOneWithAWarning() throws IOException {
        Invocation run = setUp(Layer.PROJECT);
        Map<String, String> env = new HashMap<>(run.env());
        env.put("COCOATLY_REGISTRY", "../registries/home");
        env.put("COCOATLY_REGISTRY_URL", "../registries/env");

        CliRunner.Result r = new CliRunner(project(), env).run("resolve");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("x     3.0.0    direct"), r.out());
        assertEquals("warning: COCOATLY_REGISTRY: ignored, `COCOATLY_REGISTRY_URL` is set too and takes precedence\n",
                r.err());
    }

    /** Each command, whether it needs a lockfile to get as far as the registry, and its name in errors. */
    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(List.of("resolve"), false, "cocoatly resolve"),
                Arguments.of(List.of("why", "y"), false, "cocoatly why"),
                Arguments.of(List.of("check"), false, "cocoatly check"),
                Arguments.of(List.of("lock"), false, "cocoatly lock"),
                Arguments.of(List.of("lock", "--check"), true, "cocoatly lock --check"),
                Arguments.of(List.of("update"), false, "cocoatly update"),
                Arguments.of(List.of("outdated"), true, "cocoatly outdated"),
                Arguments.of(List.of("tree"), true, "cocoatly tree"),
                // Without a lockfile, install must resolve first; with one it only downloads (below).
                Arguments.of(List.of("install"), false, "cocoatly install"));
    }

    /**
     * A URL from any layer is read over HTTP by every command: offline with an empty cache, each one
     * looks for the registry's {@code registry.json} in the cache, sends nothing, and says so.
     */
    @ParameterizedTest
    @MethodSource("commands")
    void anHttpRegistryFromAnyLayerIsReadOverHttpByEveryCommand(List<String> args, boolean locked, String command)
            throws IOException {
        Invocation run = setUp(Layer.HOME);
        if (locked) {
            lockFrom(Layer.HOME);
        }
        write(project().resolve(".cocoatly/config.json"), "{\"registry\": {\"url\": \"http://127.0.0.1:18765\"}}");
        List<String> offline = new ArrayList<>(args);
        offline.add("--offline");

        CliRunner.Result r = run.run(offline.toArray(String[]::new));

        assertEquals(4, r.exitCode(), r.out() + r.err());
        assertEquals("error: offline: `registry.json` of the registry `http://127.0.0.1:18765/` is not in the cache"
                + " (http://127.0.0.1:18765/registry.json)\nhint: run the command once without `--offline` (and without"
                + " `network.offline`) to fill the cache\n", r.err());
    }

    @Test
    void configurationWarningsArePrintedOnStderrOrListedInDataWarnings() throws IOException {
        Invocation run = setUp(Layer.HOME);
        Path file = project().resolve(".cocoatly/config.json");
        write(file, "{\"network\": {\"timeout\": 1}}");
        String warning = file + ": $.network.timeout: unknown key `timeout`, ignored; did you mean `timeout_seconds`?";

        CliRunner.Result text = run.run("resolve");
        assertEquals(0, text.exitCode(), text.err());
        assertEquals("warning: " + warning + "\n", text.err());

        for (List<String> args : List.of(List.of("lock", "--json"), List.of("check", "--json"), List.of("why", "y", "--json"),
                List.of("lock", "--check", "--json"), List.of("tree", "--json"), List.of("outdated", "--json"))) {
            CliRunner.Result json = run.run(args.toArray(String[]::new));
            assertEquals(0, json.exitCode(), args + json.err());
            assertEquals("", json.err(), args.toString());
            assertEquals(warning, Json.mapper().readTree(json.out()).get("data").get("warnings").get(0).asText(),
                    args.toString());
        }
    }

    @Test
    void aFileUrlIsARegistryDirectory() throws IOException {
        Invocation run = setUp(Layer.HOME);
        CliRunner.Result r = run.run("resolve", "--registry", registry(Layer.FLAG).toUri().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("x     4.0.0    direct"), r.out());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
