package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cocoatly.config.Home;
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
 * {@code bin/cocoatly} on its AppCDS path, in real processes: the launcher must {@code exec} the JVM
 * on every path, so that killing the pid a caller holds (a supervisor, {@code Popen.kill()}, CI's
 * timeout) kills the command itself and leaves neither a JVM holding the install lock nor a
 * temporary archive behind.
 *
 * <p>The AppCDS path is taken only with the built jars ({@code cli/target/cocoatly.jar} and
 * {@code cli/target/lib/}), which do not exist while the tests run, so each test lays out a checkout
 * of its own: the real scripts under {@code bin/}, and this test's class path as jars under
 * {@code cli/target/lib/} (directories packed into jars, since CDS archives classes from jars only).
 * The tools' scripts run the installer tool through the launcher, which is enough to reach the lock.
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
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/" + name).toString())
                .redirectError(stderr.toFile()).redirectOutput(dir.resolve(name + ".out").toFile());
        Map<String, String> env = pb.environment();
        // The AppCDS path is only taken with the built jars and the default JVM options.
        env.remove("COCOATLY_CLASSPATH");
        env.remove("COCOATLY_JAVA_OPTS");
        env.remove("COCOATLY_CDS");
        env.remove("COCOATLY_MAIN");
        env.put(Home.ENV, home.root().toString());
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = pb.start();
        started.add(p.toHandle());
        try (OutputStream in = p.getOutputStream()) {
            in.write(request.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private List<String> temporaryArchives() throws IOException {
        try (Stream<Path> list = Files.list(target)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cocoatly.jsa.") && n.endsWith(".tmp"))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void killingTheLaunchersPidWhileItRecordsTheArchiveKillsTheJvm() throws Exception {
        String request = "{\"registry\": \"" + registry.root().toUri() + "\", \"lockfile\": "
                + new String(LockfileWriter.toBytes(registry.lockfile("c@1.0.0")), StandardCharsets.UTF_8) + "}";
        Path stderr = dir.resolve("install.err");
        List<ProcessHandle> tree = new ArrayList<>();
        try (InstallLock lock = InstallLock.acquire(home, Duration.ofSeconds(10), w -> { })) {
            assertFalse(Files.exists(target.resolve("cocoatly.jsa")), "no archive yet: this run records one");
            Process launcher = startTool("cocoatly-install", request, stderr);
            awaitLine(stderr, "waiting for another cocoatly process", launcher);
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
        // The lock is free now: a surviving JVM would install and dump its archive; none survived.
        assertEquals(List.of(), temporaryArchives());
        assertTrue(StateStore.read(home).packages().isEmpty(), "the killed install changed the home");
    }

    @Test
    void theNextRunAdoptsACompleteArchiveAndDeletesTheTemporariesOfDeadRuns() throws Exception {
        // A half-written archive of a run killed while dumping (no live process has pid 999999999).
        Files.write(target.resolve("cocoatly.jsa.999999999.tmp"), new byte[4096]);

        Process first = startTool("cocoatly-state", "{}", dir.resolve("first.err"));
        assertTrue(first.waitFor(120, TimeUnit.SECONDS), "first run did not end");
        assertEquals(0, first.exitValue(), () -> read(dir.resolve("first.err")));
        // The JVM dumped under the launcher's own pid: exec kept the pid, no shell waited for java.
        assertTrue(temporaryArchives().contains("cocoatly.jsa." + first.pid() + ".tmp"), () -> "temporaries: " + safeList());
        assertFalse(Files.exists(target.resolve("cocoatly.jsa")));
        String out = read(dir.resolve("cocoatly-state.out"));

        Process second = startTool("cocoatly-state", "{}", dir.resolve("second.err"));
        assertTrue(second.waitFor(120, TimeUnit.SECONDS), "second run did not end");
        assertEquals(0, second.exitValue(), () -> read(dir.resolve("second.err")));
        assertTrue(Files.isRegularFile(target.resolve("cocoatly.jsa")), "the complete archive was adopted");
        assertEquals(List.of(), temporaryArchives(), "the half-written archive was deleted");
        assertEquals(out, read(dir.resolve("cocoatly-state.out")), "the archive changes nothing on stdout");
        assertEquals("", read(dir.resolve("second.err")), "nor on stderr");
    }

    private List<String> safeList() {
        try {
            return temporaryArchives();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (bounded) until {@code file} holds a line containing {@code text}. */
    private static void awaitLine(Path file, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
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
        fail("no `" + text + "` on stderr within 120 s: " + read(file));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
