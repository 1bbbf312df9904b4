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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands added by plugins ({@code add_cli_commands}), run through {@link Cli} with real plugin jars:
 * arguments without Cocoatly's options, {@code --json} envelopes, exit codes 0/1/2/4, their
 * {@code --help}, conflicts, built-in names, {@code --no-plugins}, a jar that fails to load, and the
 * top-level help listing plugin and external commands.
 */
class PluginCommandsTest {

    @TempDir
    Path dir;

    /**
     * A plugin adding {@code command}, which prints {@code hello ARGS} (text) or returns
     * {@code {"args", "quiet"}}; the argument {@code no} answers negatively, {@code bad} throws an
     * invalid-input CocoatlyException, {@code down} a failed one, {@code boom} an IllegalStateException.
     */
    static String greeter(String pkg, String command, String description) {
        return "package " + pkg + ";\n"
                + "import io.cocoatly.plugin.*;\n"
                + "import io.cocoatly.model.CocoatlyException;\n"
                + "import io.cocoatly.model.ErrorKind;\n"
                + "import java.util.*;\n"
                + "public class P implements Plugin {\n"
                + "  public String description() { return \"" + description + "\"; }\n"
                + "  public Verdict onPreInstall(LifecycleEvent e) { return Verdict.proceed(); }\n"
                + "  public void onPostUninstall(LifecycleEvent e) { }\n"
                + "  public List<PluginCommand> addCliCommands() {\n"
                + "    return List.of(new PluginCommand() {\n"
                + "      public String name() { return \"" + command + "\"; }\n"
                + "      public String description() { return \"Greet the arguments.\"; }\n"
                + "      public String help() { return \"Arguments:\\n  WORDS...  who to greet; `no` answers no\\n\"; }\n"
                + "      public CommandResult run(CommandInvocation in) {\n"
                + "        List<String> a = in.args();\n"
                + "        if (a.contains(\"boom\")) throw new IllegalStateException(\"boom\");\n"
                + "        if (a.contains(\"bad\")) throw new CocoatlyException(ErrorKind.INVALID_INPUT, \"bad-greeting\","
                + "            \"`bad` is not a greeting\", List.of(\"greet someone\"));\n"
                + "        if (a.contains(\"down\")) throw new CocoatlyException(ErrorKind.FAILED, \"greeting-failed\","
                + "            \"no one answered\", List.of());\n"
                + "        if (!in.json()) { in.out().println(\"hello \" + a + (in.quiet() ? \" quietly\" : \"\")); }\n"
                + "        Map<String, Object> data = new LinkedHashMap<>();\n"
                + "        data.put(\"args\", a);\n"
                + "        data.put(\"quiet\", in.quiet());\n"
                + "        return a.contains(\"no\") ? CommandResult.negative(data) : CommandResult.ok(data);\n"
                + "      }\n"
                + "    });\n"
                + "  }\n"
                + "}\n";
    }

    private Path home() {
        return dir.resolve("home");
    }

    /** Writes {@code <home>/plugins/NAME.jar} with a greeter adding {@code command}. */
    private void plugin(String name, String command) {
        String pkg = name.replace('-', '_');
        PluginJars.builder().source(pkg + ".P", greeter(pkg, command, "Says hello."))
                .provider(pkg + ".P").version("1.0.0").write(home().resolve("plugins/" + name + ".jar"));
    }

    private CliRunner cli() {
        Map<String, String> env = new HashMap<>();
        env.put("COLUMNS", "100");
        env.put("COCOATLY_HOME", home().toString());
        env.put("HOME", dir.toString());
        env.put("PATH", dir.resolve("bin").toString());
        return new CliRunner(dir, env);
    }

    private static JsonNode json(CliRunner.Result r) throws IOException {
        return Json.mapper().readTree(r.out());
    }

    @Test
    void aPluginCommandGetsItsArgumentsWithoutCocoatlysOptionsAndExits0() {
        plugin("hello", "greet");
        CliRunner.Result r = cli().run("--color", "never", "greet", "a", "-v", "b", "--color=always", "--", "-q", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(home().resolve(".cocoatly-home")), "marked before the command, which may write there");
        assertEquals("hello [a, b, --, -q, --json]\n", r.out());
        assertEquals("", r.err());

        CliRunner.Result quiet = cli().run("greet", "-q", "x");
        assertEquals("hello [x] quietly\n", quiet.out());
    }

    @Test
    void withJsonTheDataIsOneEnvelopeAndANegativeAnswerExits1() throws IOException {
        plugin("hello", "greet");
        CliRunner.Result ok = cli().run("greet", "--json", "a");
        assertEquals(0, ok.exitCode(), ok.err());
        JsonNode envelope = json(ok);
        assertTrue(envelope.get("success").asBoolean());
        assertEquals("[\"a\"]", envelope.get("data").get("args").toString());
        assertTrue(envelope.get("error").isNull());

        CliRunner.Result no = cli().run("greet", "no", "--json");
        assertEquals(1, no.exitCode(), no.err());
        assertTrue(json(no).get("success").asBoolean());
        assertEquals(1, cli().run("greet", "no").exitCode());
    }

    @Test
    void aCocoatlyExceptionIsReportedAsCocoatlysOwnWithTheExitCodeOfItsKind() throws IOException {
        plugin("hello", "greet");
        CliRunner.Result bad = cli().run("greet", "bad");
        assertEquals(2, bad.exitCode());
        assertEquals("error: `bad` is not a greeting\nhint: greet someone\n", bad.err());

        CliRunner.Result down = cli().run("greet", "down", "--json");
        assertEquals(4, down.exitCode());
        assertEquals("greeting-failed", json(down).get("error").get("code").asText());
    }

    @Test
    void anyOtherThrowIsThePluginsFailureExit4NamingItWithTheStackTraceOnlyWithVerbose() throws IOException {
        plugin("hello", "greet");
        CliRunner.Result r = cli().run("greet", "boom");
        assertEquals(4, r.exitCode());
        assertTrue(r.err().startsWith("error: plugin `hello` failed in `cocoatly greet`: java.lang.IllegalStateException: boom\n"
                + "hint: run again with `--verbose` for its stack trace\n"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());

        CliRunner.Result verbose = cli().run("greet", "boom", "-v");
        assertTrue(verbose.err().contains("hello.P$1.run(P.java"), verbose.err());

        CliRunner.Result json = cli().run("greet", "boom", "--json");
        assertEquals(4, json.exitCode());
        assertEquals("plugin-failed", json(json).get("error").get("code").asText());
    }

    @Test
    void helpIsBuiltFromTheCommandsNameDescriptionAndHelpWithoutRunningIt() {
        plugin("hello", "greet");
        CliRunner.Result r = cli().run("greet", "boom", "--help");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("plugins/command-help", r.out());
        assertFalse(Files.exists(home().resolve(".cocoatly-home")), "help writes nothing");
    }

    @Test
    void twoPluginsAddingTheSameCommandIsAnErrorNamingBoth() throws IOException {
        plugin("alpha", "greet");
        plugin("beta", "greet");
        CliRunner.Result r = cli().run("greet", "x");
        assertEquals(4, r.exitCode());
        assertEquals("error: plugins `alpha` and `beta` both add the command `greet`\n"
                + "hint: disable all but one of them: `cocoatly plugins disable alpha` or `cocoatly plugins disable beta`\n",
                r.err());
        assertEquals("", r.out());
        CliRunner.Result json = cli().run("greet", "--json");
        assertEquals("plugin-conflict", json(json).get("error").get("code").asText());
        CliRunner.Result list = cli().run("plugins", "list");
        assertTrue(list.err().contains("warning: plugins `alpha` and `beta` all add the command `greet`: running it is an"
                + " error until all but one are disabled"), list.err());
    }

    @Test
    void aBuiltInCommandWinsOverAPluginCommandOfItsName() {
        plugin("shadow", "semver");
        CliRunner.Result r = cli().run("semver", "-r", "^1", "1.0.0", "2.0.0");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("1.0.0\n", r.out());
        CliRunner.Result list = cli().run("plugins", "list");
        assertTrue(list.err().contains("warning: plugin `shadow` adds the command `semver`, which is a built-in command:"
                + " the built-in runs, never the plugin's"), list.err());
    }

    @Test
    void noPluginsHidesPluginCommandsWhereverItIsOnTheLine() {
        plugin("hello", "greet");
        for (String[] line : new String[][] {{"--no-plugins", "greet"}, {"greet", "--no-plugins"}}) {
            CliRunner.Result r = cli().run(line);
            assertEquals(2, r.exitCode(), r.out());
            assertTrue(r.err().startsWith("error: unknown command 'greet'"), r.err());
        }
    }

    @Test
    void aJarThatFailsToLoadIsAWarningWhenLookingForACommand() throws IOException {
        plugin("hello", "greet");
        Files.writeString(home().resolve("plugins/broken.jar"), "not a jar");
        CliRunner.Result r = cli().run("greet", "x");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("hello [x]\n", r.out());
        assertTrue(r.err().startsWith("warning: plugin `broken`: "), r.err());
        assertEquals("", cli().run("greet", "-q").err(), "-q: errors only");
    }

    @Test
    void aDisabledPluginsCommandIsUnknownAndItsJarIsNeverOpened() throws IOException {
        plugin("hello", "greet");
        Files.writeString(home().resolve("config.json"), "{\"plugins\": {\"disabled\": [\"hello\", \"broken\"]}}");
        Files.writeString(home().resolve("plugins/broken.jar"), "not a jar");
        CliRunner.Result r = cli().run("greet");
        assertEquals(2, r.exitCode());
        assertFalse(r.err().contains("broken"), r.err());
    }

    @Test
    void aPluginCommandWinsOverAnExecutableOfItsNameAndOtherNamesStillReachExecutables() throws IOException {
        plugin("hello", "greet");
        script(home().resolve("plugins"), "greet", "echo executable\n");
        script(dir.resolve("bin"), "other", "echo \"other $1\"\nexit 5\n");
        assertEquals("hello []\n", cli().run("greet").out());
        CliRunner.Result other = cli().run("other", "arg");
        assertEquals(5, other.exitCode());
        assertEquals("other arg\n", other.out());
    }

    @Test
    void topLevelHelpListsPluginAndExternalCommandsAfterTheBuiltIns() throws IOException {
        plugin("hello", "greet");
        script(home().resolve("plugins"), "deploy", "exit 0\n");
        script(dir.resolve("bin"), "lint", "exit 0\n");
        script(dir.resolve("bin"), "greet", "exit 0\n"); // hidden by the plugin command
        CliRunner.Result r = cli().run("--help");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        GoldenFile.assertMatches("plugins/help-with-plugins", r.out().replace(dir.toString(), "<dir>"));

        CliRunner.Result none = cli().run("--no-plugins", "--help");
        assertFalse(none.out().contains("Plugin commands:"), none.out());
    }

    @Test
    void aTypoOfAPluginCommandSuggestsItAndOneOfABuiltInStillSuggestsTheBuiltIn() {
        plugin("hello", "greet");
        CliRunner.Result r = cli().run("gret", "x");
        assertEquals(2, r.exitCode());
        assertEquals("error: unknown command 'gret'\nhint: did you mean 'greet'?\nhint: run `cocoatly --help` for the commands\n",
                r.err());
        CliRunner.Result builtIn = cli().run("instal");
        assertEquals(2, builtIn.exitCode());
        assertTrue(builtIn.err().contains("hint: did you mean 'install'?"), builtIn.err());
    }

    @Test
    void completionStillCoversEveryBuiltInCommand() {
        plugin("hello", "greet");
        CliRunner.Result r = cli().run("completion", "bash");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("plugins"), r.out());
    }

    static Path script(Path where, String name, String body) throws IOException {
        Files.createDirectories(where);
        Path file = Files.writeString(where.resolve("cocoatly-" + name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
