package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.config.ConfigHooks;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.plugin.Hook;
import io.cocoatly.plugin.Installation;
import io.cocoatly.plugin.LifecycleEvent;
import io.cocoatly.plugin.Operation;
import io.cocoatly.plugin.PackageChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell hooks of {@code config.json} as the built-in plugin {@code shell-hooks}: real processes,
 * driven through global installs of real archives in-process.
 */
class ShellHooksTest {

    @TempDir
    Path dir;

    private InstallFixture fixture;
    private Path cwd;

    @BeforeEach
    void setUp() throws IOException {
        fixture = InstallFixture.in(dir);
        fixture.registry().add("log", "1.0.0");
        fixture.registry().add("log", "2.0.0");
        fixture.registry().add("tls", "1.2.0", "log@1.0.0");
        fixture.registry().add("jq", "1.0.0", Map.of("cocoatly.json", "{\"name\": \"jq\", \"version\": \"1.0.0\","
                + " \"license\": \"MIT\", \"keywords\": [\"json\"]}", "bin/jq", "#!/bin/sh\n"));
        cwd = Files.createDirectories(dir.resolve("elsewhere"));
    }

    /** The home's config: the registry's key trusted, {@code hooks} and {@code plugins} sections as given (JSON members). */
    private void config(String hooks, String plugins) throws IOException {
        Files.writeString(fixture.home().resolve("config.json"), "{\"security\": {\"trusted_keys\": [\""
                + fixture.registry().key().publicKey().base64() + "\"]}, \"hooks\": {" + hooks + "}, \"plugins\": {"
                + plugins + "}}");
    }

    private static String sh(String script) {
        return "[\"sh\", \"-c\", \"" + script.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private CliRunner.Result run(String... args) {
        return fixture.cli(cwd, Map.of("PATH", System.getenv("PATH"))).run(args);
    }

    private CliRunner.Result install(String... packages) {
        List<String> args = new ArrayList<>(List.of("install"));
        args.addAll(List.of(packages));
        args.addAll(List.of("--registry", fixture.registryDir().toString()));
        return run(args.toArray(String[]::new));
    }

    @Test
    void aFailingPreInstallHookRefusesWithTheOldCodeAndNothingChanges() throws IOException {
        assertEquals(0, install("log@1").exitCode());
        config("\"on_pre_install\": " + sh("exit 3"), "");
        String before = Trees.snapshot(fixture.home());

        CliRunner.Result r = install("jq", "--json");

        assertEquals(4, r.exitCode(), r.err());
        JsonNode error = Json.mapper().readTree(r.out()).get("error");
        assertEquals("hook-failed", error.get("code").asText());
        assertEquals("hook `on_pre_install` (`sh`) exited with 3; nothing was changed", error.get("message").asText());
        assertEquals(before, Trees.snapshot(fixture.home()), "state.json, packages and staging as they were");
    }

    @Test
    void aFailingPostInstallHookIsAWarningAndTheChangeStands() throws IOException {
        config("\"on_post_install\": " + sh("exit 1"), "");

        CliRunner.Result r = install("jq");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("hook `on_post_install` (`sh`) exited with 1"), r.err());
        assertTrue(Files.isRegularFile(fixture.home().resolve("packages/jq/1.0.0/bin/jq")));
    }

    @Test
    void hooksSeeTheirEnvironmentAndTheEventAsJson() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        String record = "printf '%s|%s|%s' \"$COCOATLY_HOOK\" \"$COCOATLY_PACKAGES\" \"$COCOATLY_INSTALL_DIR\" > "
                + out + "/$COCOATLY_HOOK.env; printf '%s' \"$COCOATLY_EVENT\" > " + out + "/$COCOATLY_HOOK.json";
        config("\"on_pre_install\": " + sh(record) + ", \"on_post_install\": " + sh(record) + ", \"on_package_update\": "
                + sh(record) + ", \"on_pre_uninstall\": " + sh(record) + ", \"on_post_uninstall\": " + sh(record), "");
        String packages = fixture.home().resolve("packages").toString();

        assertEquals(0, install("jq", "log@1").exitCode());
        assertEquals("on_pre_install|jq@1.0.0 log@1.0.0|" + packages, Files.readString(out.resolve("on_pre_install.env")));
        JsonNode pre = Json.mapper().readTree(out.resolve("on_pre_install.json").toFile());
        assertEquals("on_pre_install", pre.get("hook").asText());
        assertEquals("install", pre.get("operation").asText());
        assertEquals("global", pre.get("installation").get("kind").asText());
        assertEquals(fixture.home().toAbsolutePath().toString(), pre.get("installation").get("root").asText());
        assertEquals(packages, pre.get("installation").get("install_dir").asText());
        assertEquals(fixture.home().toAbsolutePath().toString(), pre.get("home").asText());
        JsonNode jq = pre.get("packages").get(0);
        assertEquals("jq", jq.get("name").asText());
        assertEquals("1.0.0", jq.get("version").asText());
        assertTrue(jq.get("previous_version").isNull());
        assertEquals("install", jq.get("kind").asText());
        assertEquals(packages + "/jq/1.0.0", jq.get("install_path").asText());
        assertFalse(jq.get("files").asText().equals(jq.get("install_path").asText()), "staged before the commit");
        assertEquals("MIT", jq.get("metadata").get("license").asText());
        assertEquals("json", jq.get("metadata").get("keywords").get(0).asText());
        assertTrue(pre.get("packages").get(1).get("metadata").get("license").isNull(), "log has no cocoatly.json");
        JsonNode post = Json.mapper().readTree(out.resolve("on_post_install.json").toFile());
        assertEquals(packages + "/jq/1.0.0", post.get("packages").get(0).get("files").asText());
        assertFalse(Files.exists(out.resolve("on_package_update.env")), "nothing was updated");

        assertEquals(0, install("log@2").exitCode());
        assertEquals("on_package_update|log@2.0.0|" + packages, Files.readString(out.resolve("on_package_update.env")));
        JsonNode update = Json.mapper().readTree(out.resolve("on_package_update.json").toFile()).get("packages").get(0);
        assertEquals("update", update.get("kind").asText());
        assertEquals("1.0.0", update.get("previous_version").asText());

        assertEquals(0, run("uninstall", "jq").exitCode());
        assertEquals("on_post_uninstall|jq@1.0.0|" + packages, Files.readString(out.resolve("on_post_uninstall.env")));
        JsonNode removed = Json.mapper().readTree(out.resolve("on_pre_uninstall.json").toFile());
        assertEquals("uninstall", removed.get("operation").asText());
        assertEquals("remove", removed.get("packages").get(0).get("kind").asText());
        assertEquals("MIT", removed.get("packages").get(0).get("metadata").get("license").asText());
        assertEquals("MIT", Json.mapper().readTree(out.resolve("on_post_uninstall.json").toFile()).get("packages").get(0)
                .get("metadata").get("license").asText(), "read before the files went");
    }

    @Test
    void aHangingHookIsKilledWithWhatItStartedAfterTheTimeLimitAndRefuses() throws Exception {
        assertEquals(0, install("log@1").exitCode());
        Path pid = dir.resolve("child.pid");
        config("\"on_pre_install\": " + sh("sleep 300 & echo $! > " + pid + "; wait"), "\"timeout_seconds\": 1");
        String before = Trees.snapshot(fixture.home());

        CliRunner.Result r = install("jq");

        assertEquals(4, r.exitCode(), r.err());
        assertTrue(r.err().contains("hook `on_pre_install` (`sh`) did not finish within 1 s and was killed; nothing was"
                + " changed"), r.err());
        assertEquals(before, Trees.snapshot(fixture.home()));
        long child = Long.parseLong(Files.readString(pid).trim());
        Optional<ProcessHandle> sleeper = ProcessHandle.of(child);
        if (sleeper.isPresent()) {
            // Killed, not just abandoned: it exits (a bound for a slow machine, not a timing assertion).
            sleeper.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void disabledOrWithNoPluginsTheShellHooksDoNotRun() throws IOException {
        config("\"on_pre_install\": " + sh("exit 3"), "\"disabled\": [\"shell-hooks\"]");
        assertEquals(0, install("jq").exitCode());

        config("\"on_pre_install\": " + sh("exit 3"), "");
        assertEquals(0, run("uninstall", "jq", "--no-plugins").exitCode(), "uninstall has no pre-install hook");
        assertEquals(4, install("jq").exitCode());
        assertEquals(0, run("install", "jq", "--registry", fixture.registryDir().toString(), "--no-plugins").exitCode());
    }

    @Test
    void anEventTooLongForTheEnvironmentGoesToAFile() throws IOException {
        Path out = dir.resolve("event.json");
        Path name = dir.resolve("event-file-name");
        ShellHooks hooks = new ShellHooks(new ConfigHooks(Map.of(ConfigHooks.Hook.ON_POST_INSTALL, List.of("sh", "-c",
                "test -z \"$COCOATLY_EVENT\" && cat \"$COCOATLY_EVENT_FILE\" > " + out + " && printf '%s'"
                        + " \"$COCOATLY_EVENT_FILE\" > " + name))), Duration.ofSeconds(60),
                Map.of("PATH", System.getenv("PATH")));
        List<PackageChange> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Path path = dir.resolve("packages/package-" + i + "/1.0.0");
            many.add(new PackageChange(PackageName.of("package-" + i), Version.parse("1.0.0"), Optional.empty(),
                    PackageChange.Kind.INSTALL, path, path, ManifestMetadata.NONE));
        }
        LifecycleEvent event = new LifecycleEvent(Hook.ON_POST_INSTALL, Operation.INSTALL, many, new Installation(
                Installation.Kind.GLOBAL, dir, dir.resolve("packages")), dir);

        assertEquals(Optional.empty(), hooks.run(event));

        assertTrue(ShellHooks.json(event).length() > ShellHooks.EVENT_VARIABLE_LIMIT);
        assertEquals(2000, Json.mapper().readTree(out.toFile()).get("packages").size());
        assertFalse(Files.exists(Path.of(Files.readString(name))), "deleted after the call");
    }
}
