package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.testkit.PluginJars;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars at the install and uninstall pipeline's positions, through the CLI in-process with real
 * jars ({@link PluginJars}) and real archives: each hook fires once per changing operation with the
 * right event, none for a no-op; vetoes, throws and overruns before the change refuse it with nothing
 * changed, after it they warn; a jar that cannot load refuses a change; the order is the shell hooks,
 * then jars by name, then providers in service-file order.
 */
class PluginHooksTest {

    @TempDir
    Path dir;

    private InstallFixture fixture;
    private Path cwd;

    @BeforeEach
    void setUp() throws IOException {
        fixture = InstallFixture.in(dir);
        fixture.registry().add("log", "1.0.0");
        fixture.registry().add("log", "2.0.0");
        fixture.registry().add("zlib", "1.0.0");
        fixture.registry().add("tls", "1.2.0", "zlib@1.0.0");
        fixture.registry().add("http", "1.0.0", "tls@1.2.0");
        fixture.registry().add("jq", "1.0.0", Map.of("cocoatly.json", manifest("jq", "MIT"), "bin/jq", "#!/bin/sh\n"));
        fixture.registry().add("gpl-tool", "1.0.0", Map.of("cocoatly.json", manifest("gpl-tool", "GPL-3.0")));
        cwd = Files.createDirectories(dir.resolve("elsewhere"));
    }

    private static String manifest(String name, String license) {
        return "{\"name\": \"" + name + "\", \"version\": \"1.0.0\", \"license\": \"" + license + "\"}";
    }

    private void config(String sections) throws IOException {
        Files.writeString(fixture.home().resolve("config.json"), "{\"security\": {\"trusted_keys\": [\""
                + fixture.registry().key().publicKey().base64() + "\"]}" + sections + "}");
    }

    private Path plugins() {
        return fixture.home().resolve("plugins");
    }

    /** A jar {@code <name>.jar} with one plugin class {@code p.P} whose body is {@code body}. */
    private void plugin(String name, String body) throws IOException {
        PluginJars.builder().source("p.P", "package p; import io.cocoatly.plugin.*; public class P implements Plugin { "
                + body + " }").provider("p.P").write(plugins().resolve(name + ".jar"));
    }

    /** A recording plugin class {@code <pkg>.Recorder} whose lines start with {@code tag}. */
    private static String recorder(String pkg, String tag) throws IOException {
        try (InputStream in = PluginHooksTest.class.getResourceAsStream("/plugins/Recorder.java.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PACKAGE", pkg).replace("TAG", tag);
        }
    }

    private void recordingPlugin(String name) throws IOException {
        PluginJars.builder().source("rec.Recorder", recorder("rec", name)).provider("rec.Recorder")
                .write(plugins().resolve(name + ".jar"));
    }

    private List<String> recorded() throws IOException {
        Path log = fixture.home().resolve("record.log");
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        Files.deleteIfExists(log);
        return lines;
    }

    private CliRunner.Result run(String... args) {
        return fixture.cli(cwd, Map.of("PATH", System.getenv("PATH"))).run(args);
    }

    private CliRunner.Result install(String... args) {
        List<String> all = new ArrayList<>(List.of("install"));
        all.addAll(List.of(args));
        all.addAll(List.of("--registry", fixture.registryDir().toString()));
        return run(all.toArray(String[]::new));
    }

    private static JsonNode error(CliRunner.Result r) throws IOException {
        return Json.mapper().readTree(r.out()).get("error");
    }

    @Test
    void everyHookFiresOnceWithTheRightEventAndANoOpFiresNone() throws IOException {
        recordingPlugin("rec");

        assertEquals(0, install("jq", "log@1").exitCode());
        assertEquals(List.of("rec on_pre_install INSTALL GLOBAL: INSTALL jq@1.0.0 staged license MIT, INSTALL log@1.0.0 staged",
                "rec on_post_install INSTALL GLOBAL: INSTALL jq@1.0.0 license MIT, INSTALL log@1.0.0"), recorded());

        assertEquals(0, install("jq", "log@1").exitCode());
        assertEquals(List.of(), recorded(), "a no-op fires nothing");

        assertEquals(0, install("jq", "--reinstall-package", "jq").exitCode());
        assertEquals(List.of("rec on_pre_install INSTALL GLOBAL: REINSTALL jq@1.0.0 staged license MIT",
                "rec on_post_install INSTALL GLOBAL: REINSTALL jq@1.0.0 license MIT"), recorded());

        assertEquals(0, install("log@2").exitCode());
        assertEquals(List.of("rec on_pre_install INSTALL GLOBAL: UPDATE log@2.0.0 from 1.0.0 staged",
                "rec on_package_update INSTALL GLOBAL: UPDATE log@2.0.0 from 1.0.0",
                "rec on_post_install INSTALL GLOBAL: UPDATE log@2.0.0 from 1.0.0"), recorded());

        assertEquals(0, install("http").exitCode());
        recorded();
        assertEquals(0, run("uninstall", "http").exitCode());
        assertEquals(List.of("rec on_pre_uninstall UNINSTALL GLOBAL: REMOVE http@1.0.0, REMOVE tls@1.2.0, REMOVE zlib@1.0.0",
                "rec on_post_uninstall UNINSTALL GLOBAL: REMOVE http@1.0.0, REMOVE tls@1.2.0, REMOVE zlib@1.0.0"), recorded());
    }

    @Test
    void withAnExternalInstallerThePluginsRunInThisProcessAroundItsRequests() throws IOException {
        recordingPlugin("rec");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        config(", \"installer\": {\"command\": " + Json.mapper().writeValueAsString(List.of(java, "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.cocoatly.installer.InstallerTool")) + "}");

        CliRunner.Result r = install("jq");
        assertEquals(0, r.exitCode(), r.err());
        CliRunner.Result u = run("uninstall", "jq");
        assertEquals(0, u.exitCode(), u.err());

        // The program stages in its own process: the pre-install event has no staged files to show,
        // so its files are the install path, and jq's own manifest cannot be read yet.
        assertEquals(List.of("rec on_pre_install INSTALL GLOBAL: INSTALL jq@1.0.0",
                "rec on_post_install INSTALL GLOBAL: INSTALL jq@1.0.0 license MIT",
                "rec on_pre_uninstall UNINSTALL GLOBAL: REMOVE jq@1.0.0 license MIT",
                "rec on_post_uninstall UNINSTALL GLOBAL: REMOVE jq@1.0.0 license MIT"), recorded());
    }

    @Test
    void aProjectInstallNamesTheProjectAndWhatItsLockfileDropped() throws IOException {
        recordingPlugin("rec");
        Path project = fixture.project("{\"jq\": \"^1\", \"log\": \"^1\"}");
        CliRunner.Result first = fixture.cli(project).run("install", "--registry", fixture.registryDir().toString());
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(List.of("rec on_pre_install INSTALL PROJECT: INSTALL jq@1.0.0 staged license MIT, INSTALL log@1.0.0 staged",
                "rec on_post_install INSTALL PROJECT: INSTALL jq@1.0.0 license MIT, INSTALL log@1.0.0"), recorded());

        fixture.project("{\"log\": \"^2\"}");
        assertEquals(0, fixture.cli(project).run("install", "--registry", fixture.registryDir().toString()).exitCode());

        assertEquals(List.of("rec on_pre_install INSTALL PROJECT: REMOVE jq@1.0.0 license MIT, UPDATE log@2.0.0 from 1.0.0 staged",
                "rec on_package_update INSTALL PROJECT: UPDATE log@2.0.0 from 1.0.0",
                "rec on_post_install INSTALL PROJECT: REMOVE jq@1.0.0 license MIT, UPDATE log@2.0.0 from 1.0.0"), recorded());
    }

    @Test
    void aThrowingPreHookRefusesNamingThePluginAndChangesNothing() throws IOException {
        assertEquals(0, install("log@1").exitCode());
        plugin("strict", "public Verdict onPreInstall(LifecycleEvent e) { throw new IllegalStateException(\"no installs"
                + " today\"); } public Verdict onPreUninstall(LifecycleEvent e) { throw new IllegalStateException(\"no\"); }");
        String before = Trees.snapshot(fixture.home());

        CliRunner.Result r = install("jq", "--json");
        CliRunner.Result u = run("uninstall", "log", "--json");

        assertEquals(4, r.exitCode(), r.err());
        assertEquals("plugin-failed", error(r).get("code").asText());
        assertEquals("plugin `strict` failed in on_pre_install: java.lang.IllegalStateException: no installs today; the"
                + " install was refused", error(r).get("message").asText());
        assertEquals("nothing was changed", error(r).get("hints").get(0).asText());
        assertEquals(4, u.exitCode(), u.err());
        assertEquals("plugin `strict` failed in on_pre_uninstall: java.lang.IllegalStateException: no; the uninstall was"
                + " refused", error(u).get("message").asText());
        assertEquals(before, Trees.snapshot(fixture.home()));
    }

    @Test
    void aHangingPreHookIsAVetoAfterTheTimeLimit() throws IOException {
        assertEquals(0, install("log@1").exitCode());
        config(", \"plugins\": {\"timeout_seconds\": 1}");
        plugin("slow", "public Verdict onPreInstall(LifecycleEvent e) { while (true) { try { Thread.sleep(60_000); }"
                + " catch (InterruptedException x) { /* deaf to it */ } } }");
        String before = Trees.snapshot(fixture.home());

        CliRunner.Result r = install("jq", "--json");

        assertEquals(4, r.exitCode(), r.err());
        assertEquals("plugin-failed", error(r).get("code").asText());
        assertEquals("plugin `slow` did not finish on_pre_install within 1 s; the install was refused",
                error(r).get("message").asText());
        assertEquals(before, Trees.snapshot(fixture.home()));
    }

    @Test
    void aThrowingPostHookIsAWarningAndTheChangeStands() throws IOException {
        plugin("noisy", "public void onPostInstall(LifecycleEvent e) { throw new RuntimeException(\"oops\"); }");

        CliRunner.Result r = install("jq");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("plugin `noisy` failed in on_post_install: java.lang.RuntimeException: oops; the"
                + " change stands"), r.err());
        assertTrue(Files.isRegularFile(fixture.home().resolve("packages/jq/1.0.0/bin/jq")));

        CliRunner.Result json = install("log@1", "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(Json.mapper().readTree(json.out()).get("success").asBoolean());
        assertTrue(json.err().contains("plugin `noisy` failed in on_post_install"), "stderr, not the JSON: " + json.err());
    }

    @Test
    void aJarThatIsNotAJarRefusesAChangeUnlessTurnedOffAndADisabledOneIsNeverOpened() throws IOException {
        assertEquals(0, install("log@1").exitCode());
        Files.writeString(Files.createDirectories(plugins()).resolve("broken.jar"), "not a zip");
        recordingPlugin("spy");
        String before = Trees.snapshot(fixture.home());

        CliRunner.Result refused = install("jq", "--json");
        assertEquals(4, refused.exitCode(), refused.err());
        assertEquals("plugin-load-failed", error(refused).get("code").asText());
        assertTrue(error(refused).get("message").asText().startsWith("plugin `broken`: `" + plugins().resolve("broken.jar")
                + "` is not a readable jar"), refused.out());
        assertTrue(error(refused).get("hints").toString().contains("cocoatly plugins disable broken"), refused.out());
        assertEquals(before, Trees.snapshot(fixture.home()));
        assertEquals(List.of(), recorded(), "the spy's hooks never ran");

        assertEquals(0, install("log@1").exitCode(), "a no-op loads no plugin");

        assertEquals(0, install("jq", "--no-plugins").exitCode());
        assertEquals(List.of(), recorded());

        config(", \"plugins\": {\"disabled\": [\"broken\", \"spy\"]}");
        CliRunner.Result disabled = run("uninstall", "jq");
        assertEquals(0, disabled.exitCode(), disabled.err());
        assertEquals(List.of(), recorded(), "a disabled plugin is not loaded");
        assertFalse(Files.exists(fixture.home().resolve("packages/jq/1.0.0/bin/jq")));
    }

    @Test
    void shellHooksRunFirstThenJarsByNameThenProvidersInServiceFileOrder() throws IOException {
        String log = fixture.home().resolve("record.log").toString();
        config(", \"hooks\": {\"on_pre_install\": [\"sh\", \"-c\", \"echo shell $COCOATLY_HOOK >> " + log + "\"],"
                + " \"on_post_install\": [\"sh\", \"-c\", \"echo shell $COCOATLY_HOOK >> " + log + "\"]}");
        // The same class name in both jars, each its own: no clash.
        PluginJars.builder().source("rec.Recorder", recorder("rec", "beta-second")).source("rec2.Recorder",
                recorder("rec2", "beta-first")).provider("rec2.Recorder").provider("rec.Recorder")
                .write(plugins().resolve("beta.jar"));
        PluginJars.builder().source("rec.Recorder", recorder("rec", "alpha")).provider("rec.Recorder")
                .write(plugins().resolve("alpha.jar"));

        assertEquals(0, install("log@1").exitCode());

        assertEquals(List.of("shell on_pre_install",
                "alpha on_pre_install INSTALL GLOBAL: INSTALL log@1.0.0 staged",
                "beta-first on_pre_install INSTALL GLOBAL: INSTALL log@1.0.0 staged",
                "beta-second on_pre_install INSTALL GLOBAL: INSTALL log@1.0.0 staged",
                "shell on_post_install",
                "alpha on_post_install INSTALL GLOBAL: INSTALL log@1.0.0",
                "beta-first on_post_install INSTALL GLOBAL: INSTALL log@1.0.0",
                "beta-second on_post_install INSTALL GLOBAL: INSTALL log@1.0.0"), recorded());
    }

    @Test
    void aLicenseOnTheDenyListIsVetoedFromThePackagesOwnManifest() throws IOException {
        plugin("licenses", "public Verdict onPreInstall(LifecycleEvent e) { for (PackageChange p : e.packages()) {"
                + " if (p.metadata().license().filter(\"GPL-3.0\"::equals).isPresent()) { return Verdict.veto(\"`\" + p.name()"
                + " + \"` is licensed GPL-3.0, which is on the deny list\"); } } return Verdict.proceed(); }");

        CliRunner.Result vetoed = install("gpl-tool", "jq", "--json");

        assertEquals(4, vetoed.exitCode(), vetoed.err());
        assertEquals("plugin-vetoed", error(vetoed).get("code").asText());
        assertEquals("plugin `licenses` refused the install: `gpl-tool` is licensed GPL-3.0, which is on the deny list",
                error(vetoed).get("message").asText());
        assertFalse(Files.exists(fixture.home().resolve("state.json")), "nothing installed");
        assertEquals(0, install("jq").exitCode());
    }
}
