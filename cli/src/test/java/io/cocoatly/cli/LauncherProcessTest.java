package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cocoatly.config.Home;
import io.cocoatly.installer.InstallLock;
import io.cocoatly.installer.StateStore;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.testkit.TestData;
import io.cocoatly.testkit.TestRegistry;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cocoatly} on its AppCDS path, in real processes. The first run after a build records
 * the archive (a training run of every command, then a static dump) before it runs the command, and
 * later runs of any command map their classes from it. The launcher must {@code exec} the JVM on every
 * path, so that killing the pid a caller holds (a supervisor, {@code Popen.kill()}, CI's timeout)
 * kills the command itself and leaves neither a JVM holding the install lock nor a temporary behind.
 *
 * <p>The AppCDS path is taken only with the built jars ({@code cli/target/cocoatly.jar} and
 * {@code cli/target/lib/}), which do not exist while the tests run, so each test lays out a checkout
 * of its own: the real scripts under {@code bin/}, the real {@code testdata/} (the training reads it),
 * and this test's class path as jars under {@code cli/target/lib/} (directories packed into jars,
 * since CDS archives classes from jars only). The tools' scripts run the installer tool through the
 * launcher, which is enough to reach the lock.
 */
class LauncherProcessTest {

    @TempDir
    Path dir;

    private TestRegistry registry;
    private Home home;
    private Path root;
    private Path target;
    private final List<ProcessHandle> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        registry.add("c", "1.0.0");
        home = new Home(dir.resolve("home")).create();
        Files.writeString(home.configFile(), "{\"security\": {\"trusted_keys\": [\"" + registry.key().publicKey().base64()
                + "\"]}}");
        root = dir.resolve("checkout");
        target = root.resolve("cli/target");
        Path lib = Files.createDirectories(target.resolve("lib"));
        Files.createDirectories(root.resolve("bin"));
        Files.createSymbolicLink(root.resolve("testdata"), TestData.path("testdata"));
        for (String script : List.of("cocoatly", "cocoatly-install", "cocoatly-state")) {
            Path copy = Files.copy(TestData.path("bin/" + script), root.resolve("bin/" + script));
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        jar(target.resolve("cocoatly.jar"), null);
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                jar(lib.resolve("dir-" + i++ + ".jar"), path);
            } else if (Files.isRegularFile(path) && path.toString().endsWith(".jar")) {
                Files.createSymbolicLink(lib.resolve("jar-" + i++ + "-" + path.getFileName()), path);
            }
        }
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        // Whatever a failed test left running (with the old launcher: the orphaned JVM) must not
        // outlive it.
        for (ProcessHandle h : started) {
            h.destroyForcibly();
        }
        for (ProcessHandle h : started) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // nothing more to do; the test has already failed or passed
            }
        }
    }

    /** Packs {@code classes} (or nothing, if null) into the jar {@code jar}. */
    private static void jar(Path jar, Path classes) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (classes == null) {
                return;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(classes)) {
                files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
            }
            for (Path file : files) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    /** Starts the tool script {@code name} of the laid-out checkout with stdin {@code request}. */
    private Process startTool(String name, String request, Path stderr) throws IOException {
        return start(List.of(root.resolve("bin/" + name).toString()), Map.of(), request, dir.resolve(name + ".out"), stderr);
    }

    /** Starts {@code command} on the AppCDS path, with {@code extra} in its environment. */
    private Process start(List<String> command, Map<String, String> extra, String stdin, Path stdout, Path stderr)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile())
                .redirectOutput(stdout.toFile());
        Map<String, String> env = pb.environment();
        // The AppCDS path is only taken with the built jars and the default JVM options.
        env.remove("COCOATLY_CLASSPATH");
        env.remove("COCOATLY_JAVA_OPTS");
        env.remove("COCOATLY_CDS");
        env.remove("COCOATLY_MAIN");
        env.put(Home.ENV, home.root().toString());
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.putAll(extra);
        Process p = pb.start();
        started.add(p.toHandle());
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    /** The launcher's temporaries in cli/target: archives and class lists being written. */
    private List<String> temporaries() throws IOException {
        try (Stream<Path> list = Files.list(target)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cocoatly.") && n.endsWith(".tmp"))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void killingTheLaunchersPidKillsTheJvmAlsoOnTheRunThatRecordedTheArchive() throws Exception {
        String request = "{\"registry\": \"" + registry.root().toUri() + "\", \"lockfile\": "
                + new String(LockfileWriter.toBytes(registry.lockfile("c@1.0.0")), StandardCharsets.UTF_8) + "}";
        Path stderr = dir.resolve("install.err");
        List<ProcessHandle> tree = new ArrayList<>();
        try (InstallLock lock = InstallLock.acquire(home, Duration.ofSeconds(10), w -> { })) {
            assertFalse(Files.exists(target.resolve("cocoatly.jsa")), "no archive yet: this run records one");
            Process launcher = startTool("cocoatly-install", request, stderr);
            awaitLine(stderr, "waiting for another cocoatly process", launcher);
            assertTrue(Files.isRegularFile(target.resolve("cocoatly.jsa")), "the archive was recorded before the command ran");
            // What runs now under the caller's pid: with exec the JVM itself; otherwise a shell and
            // its java child.
            tree.add(launcher.toHandle());
            launcher.descendants().forEach(tree::add);
            started.addAll(tree);
            // exec: the pid the caller holds is the JVM itself, with no shell or child in between.
            // (This holds whatever the lock's timeout; the wait below alone would not show an
            // orphaned JVM that gives up on the lock before it ends.)
            assertEquals(List.of(launcher.pid()), tree.stream().map(ProcessHandle::pid).toList(),
                    () -> "processes under the launcher's pid: " + tree.stream().map(h -> h.pid() + " "
                            + h.info().commandLine().orElse("?")).toList());
            assertTrue(launcher.toHandle().info().command().orElse("").endsWith("/java"),
                    () -> "the launcher's pid runs " + launcher.toHandle().info().command());

            launcher.destroyForcibly(); // SIGKILL to the pid the caller holds, as Popen.kill() sends
            for (ProcessHandle h : tree) {
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    fail("pid " + h.pid() + " (" + h.info().commandLine().orElse("?") + ") still runs after its launcher's pid "
                            + launcher.pid() + " was killed: the launcher did not exec the JVM");
                }
            }
        }
        // The lock is free now: a surviving JVM would install; none survived.
        assertEquals(List.of(), temporaries());
        assertTrue(StateStore.read(home).packages().isEmpty(), "the killed install changed the home");
    }

    @Test
    void theFirstRunRecordsAnArchiveOfEveryCommandThatLaterRunsOfOtherCommandsMap() throws Exception {
        // What a recording killed midway leaves behind (no live process has pid 999999999).
        Files.write(target.resolve("cocoatly.jsa.999999999.tmp"), new byte[4096]);
        Files.write(target.resolve("cocoatly.classlist.999999999.tmp"), new byte[10]);
        String cli = root.resolve("bin/cocoatly").toString();

        Process first = start(List.of(cli, "--version"), Map.of(), "", dir.resolve("first.out"), dir.resolve("first.err"));
        assertTrue(first.waitFor(300, TimeUnit.SECONDS), "first run did not end");
        assertEquals(0, first.exitValue(), () -> read(dir.resolve("first.err")));
        assertEquals("cocoatly: recording the start-up archive of this build (once per build; it can take a minute) ...\n",
                read(dir.resolve("first.err")));
        assertTrue(Files.isRegularFile(target.resolve("cocoatly.jsa")), "no archive recorded");
        assertEquals(List.of(), temporaries(), "the temporaries of dead runs and of this one are deleted");
        FileTime recorded = Files.getLastModifiedTime(target.resolve("cocoatly.jsa"));

        // `list` was not the first run, yet its command class and picocli come from the archive. A
        // java that logs where each class came from (after the launcher's -Xlog:disable, so the
        // log is kept) shows it.
        Path classes = dir.resolve("classes.txt");
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a; do shift; [ \"$a\" = -cp ] && set -- \"$@\" -Xlog:class+load:file=" + classes
                + "; set -- \"$@\" \"$a\"; done\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process second = start(List.of(cli, "list"), Map.of("JAVA", java.toString()), "", dir.resolve("second.out"),
                dir.resolve("second.err"));
        assertTrue(second.waitFor(120, TimeUnit.SECONDS), "second run did not end");
        assertEquals(0, second.exitValue(), () -> read(dir.resolve("second.err")));
        String loaded = read(classes);
        for (String name : List.of("io.cocoatly.cli.ListCommand", "picocli.CommandLine", "io.cocoatly.installer.StateStore")) {
            assertTrue(loaded.contains(name + " source: shared objects file"), () -> name + " not from the archive:\n"
                    + loaded.lines().filter(l -> l.contains(name + " ")).toList());
        }
        // Nor any other class of a jar: each would be looked for through the jars in order, opening
        // them on the way (Main and the handlers Cli gives picocli were such classes once).
        assertEquals(List.of(), loaded.lines().filter(l -> l.contains(" source: file:")).toList(),
                "classes loaded from the jars, not the archive");
        assertEquals("", read(dir.resolve("second.err")), "the archive adds nothing on stderr");
        assertEquals(recorded, Files.getLastModifiedTime(target.resolve("cocoatly.jsa")), "recorded once per build");

        // Nor when a command solves (explaining a selection runs sat4j), is given `--option=value`,
        // which picocli parses with classes of its own, or fails with a typed error: each once cost
        // the jar-by-jar search. On the sample registry, whose check finds uninstallable versions.
        Files.copy(root.resolve("testdata/demo/cocoatly.json"), dir.resolve("cocoatly.json"));
        String sample = root.resolve("testdata/registry").toString();
        Map<List<String>, Integer> solving = Map.of(List.of("resolve", "--explain", "--registry", sample), 0,
                List.of("check", "--multiple-versions=one-per-package", "--json", "--registry=" + sample), 1,
                List.of("info", "no-such-package", "--registry", sample), 2);
        for (Map.Entry<List<String>, Integer> run : solving.entrySet()) {
            List<String> args = run.getKey();
            Files.delete(classes);
            List<String> command = new ArrayList<>(List.of(cli));
            command.addAll(args);
            Process p = start(command, Map.of("JAVA", java.toString()), "", dir.resolve("args.out"), dir.resolve("args.err"));
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), () -> args + " did not end");
            assertEquals(run.getValue(), p.exitValue(), () -> args + ": " + read(dir.resolve("args.err")));
            String log = read(classes);
            assertTrue(log.contains("picocli.CommandLine source: shared objects file"), () -> "no class log of " + args);
            assertEquals(List.of(), log.lines().filter(l -> l.contains(" source: file:")).toList(),
                    args + " loaded classes from the jars, not the archive");
        }

        // `--version` alone is answered before picocli: no CommandLine, no model (the interfaces that
        // Cli's classes implement are loaded with them).
        Files.delete(classes);
        Process version = start(List.of(cli, "--version"), Map.of("JAVA", java.toString()), "", dir.resolve("version.out"),
                dir.resolve("version.err"));
        assertTrue(version.waitFor(120, TimeUnit.SECONDS), "--version did not end");
        assertEquals(read(dir.resolve("first.out")), read(dir.resolve("version.out")));
        // The log must exist and hold the run, or the check below would pass on nothing.
        assertTrue(read(classes).contains("io.cocoatly.cli.Cli source: "), "no class log of --version");
        assertEquals(List.of(), read(classes).lines().filter(l -> l.contains(" picocli.CommandLine ")
                || l.contains(" picocli.CommandLine$Model")).toList(), "picocli's model loaded by --version");

        Process plain = start(List.of(cli, "list"), Map.of("COCOATLY_CDS", "0"), "", dir.resolve("plain.out"),
                dir.resolve("plain.err"));
        assertTrue(plain.waitFor(120, TimeUnit.SECONDS), "run without the archive did not end");
        assertEquals(read(dir.resolve("plain.out")), read(dir.resolve("second.out")), "the archive changes nothing on stdout");
    }

    @Test
    void aRecordingThatFailsIsNotTriedAgainUntilTheNextBuild() throws Exception {
        // A java that cannot record (as a JVM without CDS would): it fails the training and the
        // dump, and counts the attempts; every other run is the real JVM's.
        Path attempts = dir.resolve("attempts");
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\ncase \"$*\" in *DumpLoadedClassList*|*Xshare:dump*) echo x >> '" + attempts
                + "'; exit 1 ;; esac\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        String cli = root.resolve("bin/cocoatly").toString();

        Process first = start(List.of(cli, "--version"), Map.of("JAVA", java.toString()), "", dir.resolve("first.out"),
                dir.resolve("first.err"));
        assertTrue(first.waitFor(120, TimeUnit.SECONDS), "first run did not end");
        assertEquals(0, first.exitValue(), () -> read(dir.resolve("first.err")));
        assertTrue(read(dir.resolve("first.out")).startsWith("cocoatly "), "the command still ran");
        assertFalse(Files.exists(target.resolve("cocoatly.jsa")));
        assertEquals(1, read(attempts).lines().count(), "one attempt: the failed training leaves nothing to dump");

        Process second = start(List.of(cli, "--version"), Map.of("JAVA", java.toString()), "", dir.resolve("second.out"),
                dir.resolve("second.err"));
        assertTrue(second.waitFor(120, TimeUnit.SECONDS), "second run did not end");
        assertEquals(0, second.exitValue(), () -> read(dir.resolve("second.err")));
        assertEquals("", read(dir.resolve("second.err")), "no second recording");
        assertEquals(1, read(attempts).lines().count(), "no second recording");
        assertEquals(List.of(), temporaries());
    }

    /** Waits (bounded) until {@code file} holds a line containing {@code text}. */
    private static void awaitLine(Path file, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            String content = read(file);
            if (content.contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                fail("the launcher ended (exit " + process.exitValue() + ") before waiting for the lock: " + content);
            }
            Thread.sleep(50);
        }
        fail("no `" + text + "` on stderr within 300 s: " + read(file));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
