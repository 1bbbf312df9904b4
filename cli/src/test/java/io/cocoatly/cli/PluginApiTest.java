package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.testkit.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PluginApi} as a plugin command sees it: a real plugin jar whose command {@code api WHAT}
 * returns what the API answers, run on a signed test registry with a real project and real installs.
 */
class PluginApiTest {

    @TempDir
    Path dir;

    private InstallFixture fixture;

    private static final String SOURCE = "package api; import io.cocoatly.plugin.*; import io.cocoatly.model.*;\n"
            + "import java.util.*;\n"
            + "public class P implements Plugin {\n"
            + "  public List<PluginCommand> addCliCommands() { return List.of(new PluginCommand() {\n"
            + "    public String name() { return \"api\"; }\n"
            + "    public String description() { return \"Ask the API.\"; }\n"
            + "    public CommandResult run(CommandInvocation in) {\n"
            + "      CocoatlyApi api = in.api();\n"
            + "      List<String> a = in.args();\n"
            + "      switch (a.get(0)) {\n"
            + "        case \"home\": return CommandResult.ok(api.home().toString());\n"
            + "        case \"project\": return CommandResult.ok(api.project().map(Object::toString).orElse(null));\n"
            + "        case \"locked\": return CommandResult.ok(api.lockedPackages().stream().map(Object::toString).toList());\n"
            + "        case \"installed\": return CommandResult.ok(api.installed(Installation.Kind.valueOf(a.get(1)))\n"
            + "            .stream().map(p -> p.name() + \"@\" + p.version() + \" \" + p.installPath()).toList());\n"
            + "        case \"resolve\": {\n"
            + "          Map<String, String> chosen = new TreeMap<>();\n"
            + "          api.resolve(List.of(Dependency.parse(a.get(1), a.get(2))))\n"
            + "              .forEach((n, v) -> chosen.put(n.toString(), v.toString()));\n"
            + "          return CommandResult.ok(chosen);\n"
            + "        }\n"
            + "        default: throw new CocoatlyException(ErrorKind.INVALID_INPUT, \"usage\", \"what?\", List.of());\n"
            + "      }\n"
            + "    } }); }\n"
            + "}\n";

    @BeforeEach
    void aRegistryAHomeWithThePluginAndAProject() throws IOException {
        fixture = InstallFixture.in(dir);
        fixture.registry().add("b", "1.0.0");
        fixture.registry().add("b", "1.1.0");
        fixture.registry().add("a", "2.0.0", "b@1.1.0");
        PluginJars.builder().source("api.P", SOURCE).provider("api.P").write(fixture.home().resolve("plugins/api.jar"));
        Files.writeString(fixture.home().resolve("config.json"), Files.readString(fixture.home().resolve("config.json"))
                .replaceFirst("\\}$", ", \"registry\": {\"url\": \"" + fixture.registryDir() + "\"}}"));
    }

    private JsonNode data(Path cwd, String... args) throws IOException {
        String[] line = new String[args.length + 2];
        line[0] = "api";
        System.arraycopy(args, 0, line, 1, args.length);
        line[line.length - 1] = "--json";
        CliRunner.Result r = fixture.cli(cwd).run(line);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        return Json.mapper().readTree(r.out()).get("data");
    }

    @Test
    void homeAndProject() throws IOException {
        Path project = fixture.project("{\"a\": \"^2\"}");
        Files.createDirectories(project.resolve("src"));
        assertEquals(fixture.home().toAbsolutePath().toString(), data(project, "home").asText());
        assertEquals(project.toAbsolutePath().toString(), data(project.resolve("src"), "project").asText());
        assertTrue(data(dir, "project").isNull());
    }

    @Test
    void lockedPackagesAndInstalledOnesOfTheProjectAndTheHome() throws IOException {
        Path project = fixture.project("{\"a\": \"^2\"}");
        CliRunner.Result missing = fixture.cli(project).run("api", "locked", "--json");
        assertEquals(3, missing.exitCode(), "lockfile-missing: " + missing.out());
        assertEquals(0, fixture.cli(project).run("install").exitCode());
        assertEquals("[\"a@2.0.0\",\"b@1.1.0\"]", data(project, "locked").toString());
        JsonNode installed = data(project, "installed", "PROJECT");
        assertEquals("a@2.0.0 " + project.resolve(".cocoatly/packages/a/2.0.0"), installed.get(0).asText());
        assertEquals(0, data(project, "installed", "GLOBAL").size());

        assertEquals(0, fixture.cli(dir).run("install", "b@1.0.0").exitCode());
        assertTrue(data(dir, "installed", "GLOBAL").get(0).asText().startsWith("b@1.0.0 "));
        CliRunner.Result outside = fixture.cli(dir).run("api", "installed", "PROJECT", "--json");
        assertEquals(2, outside.exitCode());
        assertEquals("no-project", Json.mapper().readTree(outside.out()).get("error").get("code").asText());
    }

    @Test
    void resolveAgainstThisRunsRegistryAndUnsatisfiableIsANegativeAnswer() throws IOException {
        assertEquals("{\"a\":\"2.0.0\",\"b\":\"1.1.0\"}", data(dir, "resolve", "a", "^2").toString());
        CliRunner.Result none = fixture.cli(dir).run("api", "resolve", "a", "^9", "--json");
        assertEquals(1, none.exitCode(), none.out());
        JsonNode error = Json.mapper().readTree(none.out()).get("error");
        assertEquals("unsatisfiable", error.get("code").asText());
        CliRunner.Result unknown = fixture.cli(dir).run("api", "resolve", "zz", "^1", "--json");
        assertEquals(2, unknown.exitCode(), unknown.out());
    }
}
