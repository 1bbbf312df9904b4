package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cocoatly.config.Home;
import io.cocoatly.testkit.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cocoatly} and {@code bin/cocoatly-daemon-client} in real processes against a daemon in this
 * JVM: the commands it serves go to it (and print, fail and exit as they do without it, arguments and
 * environment arriving as typed); everything else, {@code COCOATLY_DAEMON=0}, a daemon that is gone and
 * a daemon of another checkout run the command in a JVM of its own, as if there were no daemon.
 *
 * <p>The launcher runs this test's class path ({@code COCOATLY_CLASSPATH}), so nothing is built.
 */
class DaemonLauncherTest {

    private static final Path REGISTRY = TestData.path("testdata/registry");

    @TempDir
    Path dir;

    private Home home;
    private Daemon daemon;
    private Thread serving;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "the daemon's client needs bash, which this machine does not have");
        home = new Home(dir.resolve("home")).create();
        daemon = Daemon.open(home, Duration.ofMinutes(10), TestData.repo().toString());
        serving = new Thread(daemon::serve, "daemon-under-test");
        serving.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
            serving.join(10_000);
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", dir.toString());
        env.put("COCOATLY_HOME", home.root().toString());
        env.put("COCOATLY_CLASSPATH", System.getProperty("java.class.path"));
        env.put("COLUMNS", "100");
        env.putAll(extra);
        return env;
    }

    private Run launch(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(TestData.path("bin/cocoatly").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/cocoatly " + args + " did not end");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    private long served() throws IOException {
        return DaemonClient.status(home).orElseThrow().served();
    }

    private void assertSameAsInProcess(Run run, Path cwd, Map<String, String> env, String... args) {
        CliRunner.Result alone = new CliRunner(cwd, env).run(args);
        assertEquals(CliRunner.mask(alone.out()), CliRunner.mask(run.out()), String.join(" ", args));
        assertEquals(alone.err(), run.err(), String.join(" ", args));
        assertEquals(alone.exitCode(), run.exitCode(), String.join(" ", args));
    }

    @Test
    void theCommandsItServesGoToTheDaemonAndComeBackAsWithoutIt() throws Exception {
        Map<String, String> env = env(Map.of());
        String[][] lines = {
            {"check", "--registry", REGISTRY.toString(), "--json"},
            {"check", "--registry", REGISTRY.toString()},
            {"resolve", "--registry", dir.resolve("missing").toString()},
            {"resolve", "--registry", REGISTRY.toString(), "--explain"},
            {"--version"}};
        long before = served();
        for (String[] line : lines) {
            assertSameAsInProcess(launch(TestData.path("testdata/demo"), env, line), TestData.path("testdata/demo"), env, line);
        }
        assertEquals(before + lines.length, served());
    }

    /**
     * The bash client killed while its command waits (here on a registry that never answers, with an
     * hour's timeout): its connection closes with it, and the daemon stops the command and is free.
     */
    @Test
    void aKilledClientStopsItsCommandInTheDaemon() throws Exception {
        try (SilentRegistry silent = SilentRegistry.start()) {
            ProcessBuilder builder = new ProcessBuilder(TestData.path("bin/cocoatly").toString(), "resolve",
                    "--registry", silent.url())
                    .directory(TestData.path("testdata/demo").toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(env(Map.of("COCOATLY_NETWORK_TIMEOUT_SECONDS", "3600")));
            Process client = builder.start();
            try {
                silent.awaitConnection(client::isAlive);
                assertTrue(DaemonClient.status(home).orElseThrow().busy(), "the command does not run in the daemon");
            } finally {
                client.destroy();
                client.waitFor(30, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (DaemonClient.status(home).orElseThrow().busy()) {
                assertTrue(System.nanoTime() < deadline, "the command of the killed client still runs");
                Thread.sleep(10);
            }
        }
    }

    @Test
    void argumentsEnvironmentAndDirectoryArriveAsTyped() throws Exception {
        Path odd = Files.createDirectories(dir.resolve("a dir ü \"quoted\"\nnewline"));
        Path registry = dir.resolve("reg istry ✓");
        try (var files = Files.walk(REGISTRY)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path copy = registry.resolve(REGISTRY.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
        Map<String, String> env = env(Map.of("COCOATLY_REGISTRY", registry.toString(), "ODD", "line one\nline two ✓"));
        long before = served();
        String[] line = {"why", "http", "*", "--", "--not-an-option", "päckage \t tab", ""};
        assertSameAsInProcess(launch(odd, env, line), odd, env, line);
        String[] check = {"check", "--json"};
        Run run = launch(odd, env, check);
        assertSameAsInProcess(run, odd, env, check);
        assertTrue(run.out().contains("\"installable\" : false"), run.out());
        assertEquals(before + 2, served());
    }

    @Test
    void whatItDoesNotServeRunsInAJvmOfItsOwn() throws Exception {
        Map<String, String> env = env(Map.of());
        long before = served();
        Run help = launch(dir, env, "--help");
        assertSameAsInProcess(help, dir, env, "--help");
        Run semver = launch(dir, env, "semver", "1.2.3", "^1");
        assertSameAsInProcess(semver, dir, env, "semver", "1.2.3", "^1");
        assertEquals(before, served());
    }

    /**
     * A command named first that the daemon's list ({@code <home>/daemon/serves}) leaves out never
     * reaches the daemon: the launcher runs it in a JVM of its own without connecting. Options first,
     * the daemon decides. Here a listener that counts connections stands at the daemon's address.
     */
    @Test
    void aCommandItDoesNotServeNamedFirstNeverConnects() throws Exception {
        assertEquals(String.join(" ", new java.util.TreeSet<>(Daemon.SERVED)) + "\n",
                Files.readString(DaemonAddress.servesFile(home), StandardCharsets.UTF_8));
        try (java.net.ServerSocket counting = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread listening = new Thread(() -> {
                while (true) {
                    try (java.net.Socket s = counting.accept()) {
                        connections.incrementAndGet();
                        // Not the daemon's proof: the client hangs up and runs the command itself.
                        s.getOutputStream().write("cocoatly-daemon guessed\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return; // closed by the test
                    }
                }
            });
            listening.setDaemon(true);
            listening.start();
            DaemonAddress mine = daemon.address();
            new DaemonAddress(counting.getLocalPort(), mine.token(), mine.checkout(), mine.pid(), mine.proof()).write(home);
            Map<String, String> env = env(Map.of());
            Run semver = launch(dir, env, "semver", "1.2.3", "^1");
            assertSameAsInProcess(semver, dir, env, "semver", "1.2.3", "^1");
            assertEquals(0, connections.get(), "an unserved command went through the daemon's client");
            Run version = launch(dir, env, "--version");
            assertSameAsInProcess(version, dir, env, "--version");
            assertEquals(1, connections.get(), "an option first is for the daemon to decide");
        }
    }

    @Test
    void daemonZeroRunsWithoutIt() throws Exception {
        Map<String, String> env = env(Map.of("COCOATLY_DAEMON", "0"));
        long before = served();
        String[] line = {"check", "--registry", REGISTRY.toString(), "--json"};
        assertSameAsInProcess(launch(dir, env, line), dir, env, line);
        assertEquals(before, served());
    }

    @Test
    void aDaemonOfAnotherCheckoutIsNotUsed() throws Exception {
        DaemonAddress mine = daemon.address();
        new DaemonAddress(mine.port(), mine.token(), "/another/checkout", mine.pid(), mine.proof()).write(home);
        long before = served();
        Run run = launch(dir, env(Map.of()), "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(before, served());
    }

    @Test
    void anotherProcessAtTheDaemonsPortIsToldNothing() throws Exception {
        // Another user's process that took the port of a daemon that died: it cannot greet with the
        // proof, so the client sends it neither the token nor the environment.
        try (java.net.ServerSocket squatter = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.io.ByteArrayOutputStream heard = new java.io.ByteArrayOutputStream();
            Thread listening = new Thread(() -> {
                for (int i = 0; i < 2; i++) { // the launcher's client, then DaemonClient
                    try (java.net.Socket s = squatter.accept()) {
                        s.getOutputStream().write("cocoatly-daemon guessed\n".getBytes(StandardCharsets.US_ASCII));
                        s.setSoTimeout(5_000);
                        s.getInputStream().transferTo(heard);
                    } catch (IOException e) {
                        // the client hung up, as it should
                    }
                }
            });
            listening.start();
            DaemonAddress mine = daemon.address();
            new DaemonAddress(squatter.getLocalPort(), mine.token(), mine.checkout(), mine.pid(), mine.proof()).write(home);
            Map<String, String> env = env(Map.of("SECRET", "do-not-send"));
            Run run = launch(dir, env, "--version");
            assertSameAsInProcess(run, dir, env, "--version");
            assertTrue(DaemonClient.status(home).isEmpty());
            listening.join(10_000);
            assertEquals("", heard.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aDaemonThatIsGoneLeavesTheCommandsRunning() throws Exception {
        DaemonAddress address = daemon.address();
        daemon.close();
        serving.join(10_000);
        daemon = null;
        address.write(home); // as a daemon killed with SIGKILL leaves it: nothing listens at its port
        Map<String, String> env = env(Map.of());
        String[] line = {"check", "--registry", REGISTRY.toString()};
        Run run = launch(dir, env, line);
        assertSameAsInProcess(run, dir, env, line);
        assertEquals("", run.err());
    }
}
