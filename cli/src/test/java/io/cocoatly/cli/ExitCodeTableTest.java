package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.testkit.GoldenFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit-code table of {@code docs/cli.md} is the truth: for every row, real commands end with that
 * exit code, an error code the row names, and the row's kind.
 */
class ExitCodeTableTest {

    private static final Path REPO = GoldenFile.repo();
    private static final String REGISTRY = REPO.resolve("testdata/registry").toString();

    /** One row of the table: exit code, kind (empty for 0) and the error codes it names. */
    private record Row(int exit, String kind, Set<String> codes) {
    }

    private static Map<Integer, Row> table;

    @TempDir
    Path temp;

    @BeforeAll
    static void readTheTable() throws IOException {
        table = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(REPO.resolve("docs/cli.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Exit codes");
            }
            if (!inSection || !line.matches("\\| [0-9]+ \\|.*")) {
                continue;
            }
            String[] cells = line.split("\\|");
            Set<String> codes = new TreeSet<>();
            for (String code : cells[4].split(",")) {
                String c = code.strip().replace("`", "");
                if (!c.isEmpty()) {
                    codes.add(c);
                }
            }
            int exit = Integer.parseInt(cells[1].strip());
            table.put(exit, new Row(exit, cells[2].strip().replace("`", ""), codes));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 70), new ArrayList<>(table.keySet()), "the rows of the exit-code table");
    }

    @Test
    void everyKindHasTheExitCodeOfItsRow() {
        Set<ErrorKind> seen = EnumSet.noneOf(ErrorKind.class);
        for (Row row : table.values()) {
            if (row.exit() == ExitCodes.OK) {
                assertEquals("", row.kind());
                continue;
            }
            ErrorKind kind = ErrorKind.valueOf(row.kind());
            seen.add(kind);
            assertEquals(row.exit(), ExitCodes.forKind(kind), row.toString());
        }
        assertEquals(EnumSet.allOf(ErrorKind.class), seen, "every kind has a row");
    }

    @Test
    void row0() {
        assertEquals(0, new CliRunner(temp, Map.of()).run("semver", "-r", "^1.2", "1.4.0").exitCode());
    }

    @Test
    void row1NegativeAnswers() throws IOException {
        // legacy-auth depends on md4, which the sample registry does not have.
        Path project = project("{\"legacy-auth\": \"*\"}");
        assertRow(1, "unsatisfiable", new CliRunner(project, env()).run("resolve", "--registry", REGISTRY, "--json"));
    }

    @Test
    void row2InvalidInput() throws IOException {
        assertRow(2, "usage", new CliRunner(temp, env()).run("resolve", "--no-such-option", "--json"));
        assertRow(2, "manifest-not-found", new CliRunner(temp, env()).run("resolve", "--registry", REGISTRY, "--json"));
        assertRow(2, "unknown-package", new CliRunner(project("{\"htp\": \"^1\"}"), env()).run("resolve", "--registry",
                REGISTRY, "--json"));
        assertRow(2, "invalid-manifest", new CliRunner(project("{\"http\": 1}"), env()).run("resolve", "--registry",
                REGISTRY, "--json"));
        assertRow(2, "registry-not-found", new CliRunner(project("{\"http\": \"^1\"}"), env()).run("resolve", "--registry",
                temp.resolve("nowhere").toString(), "--json"));

        Path future = Files.createDirectories(temp.resolve("future-registry/index"));
        Files.writeString(future.resolveSibling("registry.json"), "{\"format\": 99, \"name\": \"future\"}");
        assertRow(2, "unsupported-registry-format", new CliRunner(project("{\"http\": \"^1\"}"), env()).run("resolve",
                "--registry", future.getParent().toString(), "--json"));

        Path project = project("{\"http\": \"^1\"}");
        Files.writeString(project.resolve("cocoatly-lock.json"), "{\"lockfile\": 99}\n");
        assertRow(2, "unsupported-lockfile", new CliRunner(project, env()).run("lock", "--check", "--registry", REGISTRY,
                "--json"));
    }

    @Test
    void row3OutOfDate() throws IOException {
        Path project = project("{\"http\": \"^1\"}");
        assertRow(3, "lockfile-missing", new CliRunner(project, env())
                .run("lock", "--check", "--registry", REGISTRY, "--json"));
        assertEquals(0, new CliRunner(project, env()).run("lock", "--registry", REGISTRY).exitCode());
        Files.writeString(project.resolve("cocoatly.json"),
                "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"http\": \"^1\", \"log\": \"^0.4\"}}");
        assertRow(3, "lockfile-out-of-date", new CliRunner(project, env()).run("lock", "--check", "--registry", REGISTRY,
                "--json"));
    }

    @Test
    void row4OperationsThatFailOrAreRefused() throws IOException {
        // The sample registry is signed by a key this home does not trust.
        Path project = project("{\"log\": \"^0.4\"}");
        assertRow(4, "unknown-signing-key", new CliRunner(project, env()).run("install", "--registry", REGISTRY, "--json"));
        assertRow(4, "not-installed", new CliRunner(project, env()).run("uninstall", "nothing-here", "--json"));
    }

    @Test
    void pluginErrors() throws IOException {
        // Two plugins adding one command, and a command that throws: both exit 4 naming the plugin.
        Path plugins = temp.resolve("home/plugins");
        io.cocoatly.testkit.PluginJars.builder().source("a.P", PluginCommandsTest.greeter("a", "greet", "A."))
                .provider("a.P").write(plugins.resolve("a.jar"));
        io.cocoatly.testkit.PluginJars.builder().source("b.P", PluginCommandsTest.greeter("b", "greet", "B."))
                .provider("b.P").write(plugins.resolve("b.jar"));
        assertRow(4, "plugin-conflict", new CliRunner(temp, env()).run("greet", "--json"));
        assertEquals(0, new CliRunner(temp, env()).run("plugins", "disable", "b").exitCode());
        assertRow(4, "plugin-failed", new CliRunner(temp, env()).run("greet", "boom", "--json"));
        assertRow(2, "unknown-plugin", new CliRunner(temp, env()).run("plugins", "info", "c", "--json"));
    }

    @Test
    void row70Bugs() {
        // A failure no code path expects (here: standard input that breaks) is a bug, reported as such.
        InputStream broken = new ByteArrayInputStream(new byte[0]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                throw new IllegalStateException("broken stdin");
            }
        };
        StringWriter err = new StringWriter();
        Context context = new Context(new PrintWriter(new StringWriter()), new PrintWriter(err), broken, env(), temp,
                false);
        int exit = Cli.run(context, "semver", "--batch");
        assertEquals(70, exit, err.toString());
        assertTrue(err.toString().startsWith("error: internal error: java.lang.IllegalStateException: broken stdin"),
                err.toString());
        assertTrue(table.get(70).codes().contains("internal"));
    }

    private void assertRow(int exit, String code, CliRunner.Result r) {
        Row row = table.get(exit);
        assertEquals(exit, r.exitCode(), code + ": " + r.out() + r.err());
        JsonNode error;
        try {
            error = Json.mapper().readTree(r.out()).get("error");
        } catch (IOException e) {
            throw new AssertionError("not one JSON document: " + r.out(), e);
        }
        assertFalse(error.isNull(), r.out());
        assertEquals(code, error.get("code").asText(), r.out());
        assertTrue(row.codes().contains(code), "docs/cli.md names `" + code + "` in the row of exit " + exit);
    }

    private Path project(String dependencies) throws IOException {
        Path dir = Files.createTempDirectory(temp, "project");
        Files.writeString(dir.resolve("cocoatly.json"),
                "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": " + dependencies + "}");
        return dir;
    }

    private Map<String, String> env() {
        return Map.of("COCOATLY_HOME", temp.resolve("home").toString(), "HOME", temp.toString());
    }
}
