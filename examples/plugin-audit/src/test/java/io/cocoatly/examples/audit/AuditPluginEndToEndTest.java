package io.cocoatly.examples.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.TestData;
import io.cocoatly.testkit.TestRegistry;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit plugin end to end, as a user runs it: the jar the build made ({@code target/audit.jar})
 * copied into a scratch home's {@code plugins/}, and every command a real {@code bin/cocoatly}
 * process on a signed scratch registry (the sample registry's packages state no licence, so this
 * one has packages that do, and {@code testdata/} stays as it is).
 *
 * <p>The launcher runs with {@code COCOATLY_CLASSPATH} set to this test's class path without this
 * module's own classes (the CLI and what it needs, as the reactor built them): the plugin then
 * comes only from its jar, as it would for a user, and the launcher never starts a build of its own
 * (it would run Maven, online, from inside a test).
 */
class AuditPluginEndToEndTest {

    @TempDir
    Path dir;

    private Path home;
    private Path registry;
    private Path work;
    private final List<Process> started = new ArrayList<>();

    /** What a run printed and how it ended. */
    private record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        TestRegistry packages = TestRegistry.indexed(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")), "local");
        publish(packages, "tool", "1.0.0", "MIT");
        publish(packages, "tool", "1.1.0", "MIT");
        publish(packages, "gpl-lib", "1.0.0", "GPL-3.0-only");
        publish(packages, "dual", "1.0.0", "MIT OR GPL-3.0-only");
        registry = packages.root();
        home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("config.json"), "{\"security\": {\"trusted_keys\": [\""
                + packages.key().publicKey().base64() + "\"]}}");
        Files.copy(AuditJarTest.jar(), Files.createDirectories(home.resolve("plugins")).resolve("audit.jar"));
        work = Files.createDirectories(dir.resolve("work"));
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** Publishes {@code name@version} whose own {@code cocoatly.json} states {@code license}. */
    private void publish(TestRegistry packages, String name, String version, String license) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("src").resolve(name + "-" + version));
        Files.writeString(tree.resolve("cocoatly.json"), "{\"name\": \"" + name + "\", \"version\": \"" + version
                + "\", \"license\": \"" + license + "\"}\n");
        Files.writeString(tree.resolve(name + ".txt"), name + " " + version + "\n");
        packages.addTree(name, version, tree);
    }

    /** The class path of the CLI: this JVM's, without this module's classes and test classes. */
    private static String cliClassPath() {
        List<Path> own = Stream.of(AuditPlugin.class, AuditPluginEndToEndTest.class).map(c -> {
            try {
                return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !own.contains(Path.of(entry).toAbsolutePath()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Runs {@code bin/cocoatly args…} in {@code cwd} with {@code extra} in its environment. */
    private Result runIn(Path cwd, Map<String, String> extra, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(TestData.path("bin/cocoatly").toString());
        command.addAll(List.of(args));
        String name = "run-" + started.size();
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        for (String inherited : List.of("COCOATLY_JAVA_OPTS", "COCOATLY_MAIN", "COCOATLY_CDS", DenyList.ENV, "COCOATLY_REGISTRY_TOKEN")) {
            env.remove(inherited);
        }
        env.put("COCOATLY_HOME", home.toString());
        env.put("HOME", dir.toString());
        env.put("COLUMNS", "100");
        env.put("COCOATLY_REGISTRY", registry.toString());
        env.put("COCOATLY_CLASSPATH", cliClassPath());
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.putAll(extra);
        Process p = pb.start();
        started.add(p);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "`cocoatly " + String.join(" ", args) + "` did not finish");
        return new Result(p.exitValue(), Files.readString(dir.resolve(name + ".out")), Files.readString(dir.resolve(name + ".err")));
    }

    private Result run(String... args) throws Exception {
        return runIn(work, Map.of(), args);
    }

    private Result ok(String... args) throws Exception {
        Result r = run(args);
        assertEquals(0, r.exit(), () -> "cocoatly " + String.join(" ", args) + "\n" + r);
        return r;
    }

    private List<AuditEntry> entries() {
        AuditLog.Reading reading = AuditLog.of(home).read();
        assertEquals(List.of(), reading.warnings());
        return reading.entries();
    }

    /** Every file below the home that an install changes, with its bytes, the audit log apart. */
    private Map<String, String> installation() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(home)) {
            for (Path p : walk.toList()) {
                String rel = home.relativize(p).toString();
                if (rel.startsWith("cache") || rel.startsWith("tmp") || rel.startsWith("plugins") || rel.equals("cocoatly.lock")) {
                    continue;
                }
                files.put(rel, Files.isRegularFile(p) ? new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1) : "dir");
            }
        }
        return files;
    }

    private static AuditEntry.Change change(String name, String version, String previous, String kind, String license) {
        return new AuditEntry.Change(name, version, Optional.ofNullable(previous), kind, Optional.ofNullable(license));
    }

    @Test
    void installsUpdatesAndUninstallsAreRecordedOnceEachAndShownByTheAuditCommand() throws Exception {
        ok("install", "tool@1.0.0");
        ok("install", "tool@^1.1");
        ok("install", "tool@^1.1"); // nothing to do: no hook fires, nothing is recorded
        ok("uninstall", "tool");

        List<AuditEntry> entries = entries();
        assertEquals(List.of("on_post_install", "on_post_install", "on_post_uninstall"),
                entries.stream().map(AuditEntry::hook).toList());
        assertEquals(List.of("install", "install", "uninstall"), entries.stream().map(AuditEntry::operation).toList());
        for (AuditEntry e : entries) {
            assertEquals(List.of("global", home.toString()), List.of(e.kind(), e.root()));
        }
        assertEquals(List.of(change("tool", "1.0.0", null, "install", "MIT")), entries.get(0).packages());
        assertEquals(List.of(change("tool", "1.1.0", "1.0.0", "update", "MIT")), entries.get(1).packages());
        assertEquals(List.of(change("tool", "1.1.0", null, "remove", "MIT")), entries.get(2).packages());

        Result text = ok("audit");
        List<String> lines = text.out().lines().toList();
        assertEquals(3, lines.size(), text.toString());
        assertTrue(lines.get(0).endsWith("  install    global " + home + "  + tool 1.0.0 [MIT]"), lines.get(0));
        assertTrue(lines.get(1).endsWith("  install    global " + home + "  ~ tool 1.0.0 -> 1.1.0 [MIT]"), lines.get(1));
        assertTrue(lines.get(2).endsWith("  uninstall  global " + home + "  - tool 1.1.0 [MIT]"), lines.get(2));
        assertEquals(entries.get(0).time().toString(), lines.get(0).substring(0, lines.get(0).indexOf(' ')));

        Result json = ok("audit", "--json", "--limit", "1", "--package", "tool");
        Map<?, ?> envelope = (Map<?, ?>) JsonText.parse(json.out());
        assertEquals(Boolean.TRUE, envelope.get("success"), json.toString());
        Map<?, ?> data = (Map<?, ?>) envelope.get("data");
        assertEquals(home.resolve("audit/audit.jsonl").toString(), data.get("log"));
        assertEquals(List.of(entries.get(2)), ((List<?>) data.get("entries")).stream().map(AuditEntry::fromData).toList());

        Result bad = run("audit", "--limit", "0");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("`cocoatly audit`: `--limit` takes a number of entries, 1 or more: `0`"), bad.toString());

        assertTrue(ok("--help").out().contains("Show the audit log of installs and uninstalls."),
                "the plugin's command is listed in --help");

        Result list = ok("plugins", "list", "--json");
        Map<?, ?> audit = ((List<?>) ((Map<?, ?>) ((Map<?, ?>) JsonText.parse(list.out())).get("data")).get("plugins")).stream()
                .map(p -> (Map<?, ?>) p).filter(p -> "audit".equals(p.get("name"))).findFirst().orElseThrow();
        assertEquals(List.of(true, AuditJarTest.version()), List.of(audit.get("enabled"), audit.get("version")), list.toString());
        assertEquals(Set.of("on_pre_install", "on_post_install", "on_post_uninstall"), Set.copyOf((List<?>) audit.get("hooks")),
                "the hooks the plugin implements, and not on_package_update");
    }

    @Test
    void aProjectInstallIsRecordedWithTheProjectAndANoOpLockedInstallRecordsNothing() throws Exception {
        Path project = Files.createDirectories(dir.resolve("app"));
        Files.writeString(project.resolve("cocoatly.json"), "{\"name\": \"app\", \"version\": \"0.1.0\", \"dependencies\":"
                + " {\"tool\": \"^1.0\", \"dual\": \"^1.0\"}}");
        Files.createDirectories(home.resolve("audit"));
        Files.writeString(home.resolve("audit/deny-licenses.txt"), "GPL-3.0-only\n");

        Result install = runIn(project, Map.of(), "install");
        assertEquals(0, install.exit(), install.toString());
        Result again = runIn(project, Map.of(), "install", "--locked");
        assertEquals(0, again.exit(), again.toString());

        List<AuditEntry> entries = entries();
        assertEquals(1, entries.size(), entries.toString());
        assertEquals(List.of("project", project.toRealPath().toString()), List.of(entries.get(0).kind(),
                Path.of(entries.get(0).root()).toRealPath().toString()));
        assertEquals(List.of(change("dual", "1.0.0", null, "install", "MIT OR GPL-3.0-only"),
                change("tool", "1.1.0", null, "install", "MIT")), entries.get(0).packages());
    }

    @Test
    void aDeniedLicenceVetoesTheInstallExit4AndNothingChanges() throws Exception {
        ok("install", "tool@1.0.0");
        Path denyFile = Files.createDirectories(home.resolve("audit")).resolve("deny-licenses.txt");
        Files.writeString(denyFile, "# no copyleft here\nGPL-3.0-only\n");
        Map<String, String> before = installation();
        String log = Files.readString(AuditLog.of(home).file());

        Result vetoed = run("install", "gpl-lib");
        assertEquals(4, vetoed.exit(), vetoed.toString());
        assertTrue(vetoed.err().contains("plugin `audit` refused the install: `gpl-lib 1.0.0` is licensed GPL-3.0-only,"
                + " which is on the deny list (" + denyFile + ")"), vetoed.toString());
        assertTrue(vetoed.err().contains("cocoatly plugins disable audit"), vetoed.toString());
        assertEquals(before, installation(), "a vetoed install changes nothing: state.json, global.json, packages/");
        assertEquals(log, Files.readString(AuditLog.of(home).file()), "a vetoed install is not recorded");

        Result json = run("install", "gpl-lib", "--json");
        assertEquals(4, json.exit(), json.toString());
        Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) JsonText.parse(json.out())).get("error");
        assertEquals("plugin-vetoed", error.get("code"), json.toString());

        // The variable adds to the file: an update to an MIT version is refused for this run only.
        Result env = runIn(work, Map.of(DenyList.ENV, "MIT"), "install", "tool@^1.1");
        assertEquals(4, env.exit(), env.toString());
        assertTrue(env.err().contains("`tool 1.1.0` is licensed MIT, which is on the deny list (COCOATLY_AUDIT_DENY)"),
                env.toString());
        assertEquals(before, installation());

        // A disabled plugin is not loaded: nothing vetoes, and nothing is recorded.
        ok("plugins", "disable", "audit");
        ok("install", "gpl-lib");
        assertFalse(before.equals(installation()), "installed with the plugin disabled");
        assertEquals(log, Files.readString(AuditLog.of(home).file()));

        // Enabled again, it records the uninstall: the deny list concerns what is installed only.
        ok("plugins", "enable", "audit");
        ok("uninstall", "gpl-lib");
        List<AuditEntry> entries = entries();
        assertEquals(List.of(change("gpl-lib", "1.0.0", null, "remove", "GPL-3.0-only")),
                entries.get(entries.size() - 1).packages());

        // Without plugins nothing vetoes, and nothing is recorded.
        String recorded = Files.readString(AuditLog.of(home).file());
        ok("--no-plugins", "install", "gpl-lib");
        assertEquals(recorded, Files.readString(AuditLog.of(home).file()));
    }
}
