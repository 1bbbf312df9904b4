package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.testkit.GoldenFile;
import io.cocoatly.testkit.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cocoatly plugins list|info|enable|disable} on a home with real plugin jars: one with two
 * providers, hooks and a command; one that is not a jar; one that is not a jar but disabled (and so
 * never opened); the built-in {@code shell-hooks} with a configured hook; an external executable.
 */
class PluginsCommandTest {

    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    @BeforeEach
    void aHomeWithPlugins() throws IOException {
        PluginJars.builder()
                .source("audit.Log", "package audit; import io.cocoatly.plugin.*; import java.util.List;\n"
                        + "public class Log implements Plugin {\n"
                        + "  public String description() { return \"Records installs and uninstalls.\"; }\n"
                        + "  public Verdict onPreInstall(LifecycleEvent e) { return Verdict.proceed(); }\n"
                        + "  public void onPostInstall(LifecycleEvent e) { }\n"
                        + "  public void onPostUninstall(LifecycleEvent e) { }\n"
                        + "  public List<PluginCommand> addCliCommands() { return List.of(new PluginCommand() {\n"
                        + "    public String name() { return \"audit\"; }\n"
                        + "    public String description() { return \"Print the audit log.\"; }\n"
                        + "    public CommandResult run(CommandInvocation in) { return CommandResult.ok(null); } }); }\n"
                        + "}\n")
                .source("audit.Updates", "package audit; import io.cocoatly.plugin.*;\n"
                        + "public class Updates extends Base {\n"
                        + "  public String description() { return \"Notes updates.\"; }\n"
                        + "}\n")
                .source("audit.Base", "package audit; import io.cocoatly.plugin.*;\n"
                        + "public abstract class Base implements Plugin {\n"
                        + "  public void onPackageUpdate(LifecycleEvent e) { }\n"
                        + "}\n")
                .provider("audit.Log").provider("audit.Updates").version("2.1.0")
                .write(home().resolve("plugins/audit.jar"));
        Files.writeString(home().resolve("plugins/broken.jar"), "not a jar");
        Files.writeString(home().resolve("plugins/off.jar"), "not a jar either");
        PluginCommandsTest.script(home().resolve("plugins"), "deploy", "exit 0\n");
        Files.writeString(home().resolve("config.json"), "{\"hooks\": {\"on_post_install\": [\"notify-send\", \"installed\"]},"
                + " \"plugins\": {\"disabled\": [\"off\"]}, \"network\": {\"retries\": 5}}");
    }

    private CliRunner cli() {
        Map<String, String> env = new HashMap<>();
        env.put("COLUMNS", "100");
        env.put("COCOATLY_HOME", home().toString());
        env.put("HOME", dir.toString());
        return new CliRunner(dir, env);
    }

    private String masked(String text) {
        return text.replace(dir.toString(), "<dir>");
    }

    private static JsonNode json(CliRunner.Result r) throws IOException {
        return Json.mapper().readTree(r.out());
    }

    @Test
    void listShowsEachPluginsStateVersionHooksCommandsAndProblemAndTheExternalCommands() {
        CliRunner.Result r = cli().run("plugins", "list");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("plugins/list", masked(r.out()));
    }

    @Test
    void listAsJson() throws IOException {
        CliRunner.Result r = cli().run("plugins", "list", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode data = json(r).get("data");
        JsonNode plugins = data.get("plugins");
        assertEquals("shell-hooks", plugins.get(0).get("name").asText());
        assertEquals("[\"on_post_install\"]", plugins.get(0).get("hooks").toString());
        JsonNode audit = plugins.get(1);
        assertEquals("audit", audit.get("name").asText());
        assertEquals("2.1.0", audit.get("version").asText());
        assertEquals("[\"on_pre_install\",\"on_post_install\",\"on_post_uninstall\",\"on_package_update\"]",
                audit.get("hooks").toString());
        assertEquals("audit", audit.get("commands").get(0).get("name").asText());
        assertTrue(audit.get("problem").isNull());
        assertTrue(plugins.get(2).get("problem").asText().startsWith("plugin `broken`: "));
        JsonNode off = plugins.get(3);
        assertEquals("off", off.get("name").asText());
        assertFalse(off.get("enabled").asBoolean());
        assertFalse(off.get("opened").asBoolean());
        assertTrue(off.get("problem").isNull(), "a disabled jar is never opened");
        assertEquals("deploy", data.get("external_commands").get(0).get("name").asText());
    }

    @Test
    void infoShowsOnePluginWithItsJarAndTheShellHooksWithTheirCommands() throws IOException {
        CliRunner.Result audit = cli().run("plugins", "info", "audit");
        assertEquals(0, audit.exitCode(), audit.err());
        GoldenFile.assertMatches("plugins/info-audit", masked(audit.out()).replaceAll("size: .*", "size: <size>"));

        CliRunner.Result shell = cli().run("plugins", "info", "shell-hooks");
        assertEquals(0, shell.exitCode(), shell.err());
        GoldenFile.assertMatches("plugins/info-shell-hooks", shell.out());

        JsonNode data = json(cli().run("plugins", "info", "shell-hooks", "--json")).get("data");
        assertEquals("[\"notify-send\",\"installed\"]", data.get("shell_commands").get("on_post_install").toString());
        JsonNode jar = json(cli().run("plugins", "info", "audit", "--json")).get("data");
        assertEquals(Files.size(home().resolve("plugins/audit.jar")), jar.get("size").asLong());
    }

    @Test
    void anUnknownNameIsInvalidInputWithTheNearestName() throws IOException {
        CliRunner.Result r = cli().run("plugins", "info", "audt");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("error: no plugin `audt`: it is not `shell-hooks` and there is no `audt.jar` in `"
                + home().resolve("plugins") + "`\nhint: did you mean `audit`?\n"), r.err());
        CliRunner.Result json = cli().run("plugins", "disable", "shell-hook", "--json");
        assertEquals(2, json.exitCode());
        assertEquals("unknown-plugin", json(json).get("error").get("code").asText());
        assertEquals("did you mean `shell-hooks`?", json(json).get("error").get("hints").get(0).asText());
    }

    @Test
    void disableAndEnableEditPluginsDisabledOfTheHomesConfigKeepingTheRest() throws IOException {
        CliRunner.Result disable = cli().run("plugins", "disable", "audit");
        assertEquals(0, disable.exitCode(), disable.err());
        assertTrue(disable.err().contains("disabled plugin `audit` (plugins.disabled in " + home().resolve("config.json")
                + ")"), disable.err());
        assertEquals("[\"off\",\"audit\"]", config().get("plugins").get("disabled").toString());
        assertEquals(5, config().get("network").get("retries").asInt());
        assertEquals(2, cli().run("audit").exitCode(), "a disabled plugin's command is gone");
        assertTrue(cli().run("plugins", "list").out().contains("audit: disabled (not opened)"));

        CliRunner.Result again = cli().run("plugins", "disable", "audit", "--json");
        assertFalse(json(again).get("data").get("written").asBoolean());

        assertEquals(0, cli().run("plugins", "enable", "audit").exitCode());
        assertEquals(0, cli().run("audit").exitCode(), "enabled again, its command runs");
        // A name only the list still has (its jar is gone) can be enabled, which empties the list.
        Files.delete(home().resolve("plugins/off.jar"));
        CliRunner.Result off = cli().run("plugins", "enable", "off", "--json");
        assertEquals(0, off.exitCode(), off.err());
        assertTrue(json(off).get("data").get("written").asBoolean());
        assertTrue(config().path("plugins").path("disabled").isMissingNode(), config().toString());
        assertEquals("[\"notify-send\",\"installed\"]", config().get("hooks").get("on_post_install").toString());
    }

    @Test
    void aListFromTheEnvironmentIsNeverWrittenIntoTheHomesConfig() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("COCOATLY_HOME", home().toString());
        env.put("HOME", dir.toString());
        env.put("COCOATLY_PLUGINS_DISABLED", "[\"audit\"]");

        CliRunner.Result disable = new CliRunner(dir, env).run("plugins", "disable", "broken");

        assertEquals(0, disable.exitCode(), disable.err());
        assertTrue(disable.err().contains("COCOATLY_PLUGINS_DISABLED is set"), disable.err());
        assertEquals("[\"off\",\"broken\"]", config().get("plugins").get("disabled").toString());
    }

    @Test
    void noPluginsListsTheJarsWithoutOpeningAny() {
        CliRunner.Result r = cli().run("--no-plugins", "plugins", "list");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("audit: enabled (not opened: --no-plugins)"), r.out());
        assertFalse(r.out().contains("problem:"), r.out());
    }

    private JsonNode config() throws IOException {
        return Json.mapper().readTree(Files.readString(home().resolve("config.json")));
    }
}
