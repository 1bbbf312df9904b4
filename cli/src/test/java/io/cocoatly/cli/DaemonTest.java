package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.Home;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident daemon in this JVM, spoken to over a real loopback socket with {@link DaemonWire}: a
 * command run there prints and returns exactly what it does in a process of its own; what it does not
 * serve, a wrong token and a busy daemon are refused (the client then runs the command itself); it
 * stops on {@code stop} and when idle, and deletes only its own address file.
 */
class DaemonTest {

    private static final Path TESTDATA = GoldenFile.repo().resolve("testdata");
    private static final String REGISTRY = TESTDATA.resolve("registry").toString();

    @TempDir
    Path dir;

    private Home home;
    private Daemon daemon;
    private Thread serving;

    @BeforeEach
    void start() throws IOException {
        home = new Home(dir.resolve("home")).create();
        daemon = Daemon.open(home, Duration.ofMinutes(10), "");
        serving = new Thread(daemon::serve, "daemon-under-test");
        serving.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        daemon.close();
        serving.join(10_000);
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("COCOATLY_HOME", home.root().toString(), "HOME", dir.toString(),
                "COLUMNS", "100"));
        env.putAll(extra);
        return env;
    }

    private DaemonClient.Answer inDaemon(Path cwd, Map<String, String> env, String... args) throws IOException {
        return DaemonClient.run(daemon.address(), new DaemonWire.Run(cwd, false, false, 0, List.of(args), env))
                .orElseThrow(() -> new AssertionError("nothing answered at the daemon's address"));
    }

    @Test
    void theAddressFileIsOwnerOnlyAndNamesThisProcess() throws IOException {
        DaemonAddress address = DaemonAddress.read(home).orElseThrow();
        assertEquals(daemon.address(), address);
        assertEquals(ProcessHandle.current().pid(), address.pid());
        assertEquals(64, address.token().length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(DaemonAddress.file(home))));
    }

    @Test
    void aServedCommandPrintsAndReturnsWhatItDoesInAProcessOfItsOwn() throws IOException {
        Path demo = TESTDATA.resolve("demo");
        List<List<String>> commands = List.of(
                List.of("check", "--registry", REGISTRY),
                List.of("check", "--registry", REGISTRY, "--json"),
                List.of("resolve", "--registry", REGISTRY),
                List.of("resolve", "--registry", REGISTRY, "--json", "--explain"),
                List.of("why", "http", "--registry", REGISTRY),
                List.of("-q", "resolve", "--registry", REGISTRY, "--multiple-versions=semver-major"),
                List.of("resolve", "--registry", dir.resolve("no-such-registry").toString()),
                List.of("tree"),
                List.of("outdated", "--registry", REGISTRY),
                List.of("search", "ht", "--registry", REGISTRY),
                List.of("info", "http", "--registry", REGISTRY, "--json"),
                List.of("info", "http", "--registry", REGISTRY),
                List.of("check", "--registry", REGISTRY, "--no-such-option"),
                List.of("--version"));
        Map<String, String> env = env(Map.of());
        for (List<String> args : commands) {
            String[] line = args.toArray(String[]::new);
            CliRunner.Result alone = new CliRunner(demo, env).run(line);
            DaemonClient.Answer served = inDaemon(demo, env, line);
            assertFalse(served.refused(), args.toString());
            assertEquals(CliRunner.mask(alone.out()), CliRunner.mask(served.stdout()), args.toString());
            assertEquals(alone.err(), served.stderr(), args.toString());
            assertEquals(alone.exitCode(), served.exitCode(), args.toString());
        }
        assertEquals(commands.size(), DaemonClient.status(home).orElseThrow().served());
    }

    @Test
    void largeOutputArrivesWhole() throws IOException {
        // Much more than one frame: the frames are cut at 64 KiB.
        Map<String, String> env = env(Map.of());
        String[] line = {"check", "--registry", REGISTRY, "--json", "--explain"};
        String alone = new CliRunner(dir, env).run(line).out();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            DaemonClient.Answer served = inDaemon(dir, env, line);
            assertFalse(served.refused(), "refused run " + i);
            assertEquals(alone, served.stdout());
            many.append(served.stdout());
        }
        assertTrue(many.length() > 4 * (1 << 16), "only " + many.length() + " bytes");
    }

    @Test
    void aRelativeHomeIsTakenFromTheClientsDirectoryNotTheDaemons() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Home relative = new Home(project.resolve("h")).create();
        Files.writeString(relative.configFile(), "{\"registry\": {\"url\": \"" + REGISTRY + "\"}}");
        DaemonClient.Answer served = inDaemon(project, env(Map.of("COCOATLY_HOME", "h")), "check", "--json");
        assertEquals(1, served.exitCode(), served.stderr()); // the sample registry has uninstallable versions
        assertTrue(served.stdout().contains("\"installable\" : false"), served.stdout());
    }

    @Test
    void whatItDoesNotServeIsRefusedAndNotRun() throws IOException {
        for (List<String> args : List.<List<String>>of(List.of("install"), List.of("semver", "1.2.3"), List.of("daemon", "status"),
                List.of("init", "x"), List.of("--help"), List.of(), List.of("--version", "--json"))) {
            DaemonClient.Answer answer = inDaemon(dir, env(Map.of()), args.toArray(String[]::new));
            assertTrue(answer.refused(), args.toString());
        }
        assertFalse(Files.exists(dir.resolve("x")), "init ran");
        assertEquals(0, DaemonClient.status(home).orElseThrow().served());
    }

    @Test
    void aWrongTokenIsRefused() throws IOException {
        DaemonAddress wrong = new DaemonAddress(daemon.address().port(), "0".repeat(64), "", daemon.address().pid(),
                daemon.address().proof());
        Optional<DaemonClient.Answer> answer = DaemonClient.run(wrong, new DaemonWire.Run(dir, false, false, 0,
                List.of("--version"), env(Map.of())));
        assertTrue(answer.orElseThrow().refused());
        assertFalse(DaemonClient.stop(wrong), "stopped without the token");
        assertTrue(DaemonClient.status(home).isPresent());
    }

    /**
     * A client that goes away (Ctrl-C) stops its command: here a resolve waiting on a registry that
     * would hold it for an hour (its timeout) ends at once, and the daemon serves the next command.
     */
    @Test
    void aClientThatGoesAwayStopsItsCommand() throws Exception {
        try (SilentRegistry silent = SilentRegistry.start()) {
            Map<String, String> env = env(Map.of("COCOATLY_NETWORK_TIMEOUT_SECONDS", "3600"));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), daemon.address().port())) {
                InputStream in = client.getInputStream();
                assertTrue(DaemonWire.readHello(in, daemon.address().proof()));
                DaemonWire.writeRequest(client.getOutputStream(), daemon.address().token(), DaemonWire.RUN,
                        new DaemonWire.Run(TESTDATA.resolve("demo"), false, false, 0,
                                List.of("resolve", "--registry", silent.url()), env));
                assertEquals(DaemonWire.ACCEPTED, DaemonWire.readFrame(in).kind());
                silent.awaitConnection(() -> true);
                assertTrue(DaemonClient.status(home).orElseThrow().busy());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (DaemonClient.status(home).orElseThrow().busy()) {
                assertTrue(System.nanoTime() < deadline, "the command of a client that went away still runs");
                Thread.sleep(10);
            }
            assertEquals(1, silent.connections(), "the stopped command asked the registry again");
        }
        DaemonClient.Answer next = inDaemon(dir, env(Map.of()), "--version");
        assertFalse(next.refused());
        assertEquals(ExitCodes.OK, next.exitCode());
    }

    @Test
    void aCommandThatComesWhileAnotherRunsIsRefused() throws Exception {
        // The first resolve waits on a registry that never answers, until the test closes it.
        SilentRegistry silent = SilentRegistry.start();
        try {
            Map<String, String> env = env(Map.of());
            java.util.concurrent.atomic.AtomicReference<DaemonClient.Answer> firstAnswer = new java.util.concurrent.atomic.AtomicReference<>();
            Thread first = new Thread(() -> {
                try {
                    firstAnswer.set(inDaemon(TESTDATA.resolve("demo"), env, "resolve", "--registry", silent.url()));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            first.start();
            silent.awaitConnection(first::isAlive);
            assertTrue(DaemonClient.status(home).orElseThrow().busy());
            assertTrue(inDaemon(dir, env, "--version").refused(), "a second command ran beside the first");
            silent.close();
            first.join(60_000);
            assertFalse(first.isAlive());
            assertFalse(firstAnswer.get().refused());
            assertEquals(ExitCodes.FAILED, firstAnswer.get().exitCode(), firstAnswer.get().toString());
        } finally {
            silent.close();
        }
        assertFalse(inDaemon(dir, env(Map.of()), "--version").refused(), "refused after the first had ended");
    }

    @Test
    void aClientThatGoesAwayLeavesTheDaemonServing() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), daemon.address().port())) {
            OutputStream out = socket.getOutputStream();
            out.write((DaemonWire.MAGIC + "\0" + daemon.address().token() + "\0run\0" + dir + "\0").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), daemon.address().port())) {
            socket.getOutputStream().write("not the protocol\0".getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(10_000);
            assertTrue(DaemonWire.readHello(in, daemon.address().proof()));
            assertEquals(-1, in.read(), "answered a stranger");
        }
        DaemonClient.Answer answer = inDaemon(dir, env(Map.of()), "--version");
        assertEquals(0, answer.exitCode());
        assertTrue(answer.stdout().startsWith("cocoatly "), answer.stdout());
    }

    @Test
    void stopEndsServingAndDeletesTheAddress() throws Exception {
        assertTrue(DaemonClient.stop(daemon.address()));
        serving.join(10_000);
        assertFalse(serving.isAlive(), "still serving");
        assertFalse(Files.exists(DaemonAddress.file(home)));
        assertTrue(DaemonClient.status(home).isEmpty());
    }

    @Test
    void itStopsWhenIdle() throws Exception {
        daemon.close();
        serving.join(10_000);
        Daemon idle = Daemon.open(home, Duration.ofMillis(1500), "");
        Thread thread = new Thread(idle::serve);
        thread.start();
        DaemonClient.Answer answer = DaemonClient.run(idle.address(), new DaemonWire.Run(dir, false, false, 0,
                List.of("--version"), env(Map.of()))).orElseThrow();
        assertEquals(0, answer.exitCode(), "a command keeps it up: " + answer);
        thread.join(30_000);
        assertFalse(thread.isAlive(), "still serving after its idle timeout");
        assertFalse(Files.exists(DaemonAddress.file(home)));
    }

    @Test
    void theWarmUpRunsTheCheckoutsSampleAndNothingWithoutOne() {
        assertTrue(Daemon.warmUp(home, GoldenFile.repo().toString(), 1));
        assertFalse(Daemon.warmUp(home, "", 1));
        assertFalse(Daemon.warmUp(home, dir.toString(), 1)); // no testdata/ there
    }

    @Test
    void anotherDaemonsAddressIsLeftAlone() throws Exception {
        DaemonAddress other = new DaemonAddress(1, "f".repeat(64), "", 1, "e".repeat(64));
        other.write(home);
        daemon.close();
        serving.join(10_000);
        assertEquals(Optional.of(other), DaemonAddress.read(home));
    }
}
