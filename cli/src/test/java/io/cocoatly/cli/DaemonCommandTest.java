package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.config.Home;
import io.cocoatly.testkit.GoldenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cocoatly daemon start}, {@code status} and {@code stop} with a real daemon process (a JVM on
 * this test's class path): it starts once, answers, says what it is, and stops, taking its address
 * file with it; a file left by a daemon that is gone is cleaned up by {@code stop}.
 */
class DaemonCommandTest {

    @TempDir
    Path dir;

    private Home home() {
        return new Home(dir.resolve("home"));
    }

    private CliRunner cli() {
        return new CliRunner(dir, Map.of("COCOATLY_HOME", home().root().toString(), "HOME", dir.toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "COLUMNS", "100"));
    }

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        Optional<DaemonAddress> address = DaemonAddress.read(home());
        if (address.isPresent()) {
            ProcessHandle.of(address.get().pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** The status text with what changes from run to run masked. */
    private static String masked(String status) {
        return status.replaceAll("pid [0-9]+", "pid <pid>").replaceAll("port [0-9]+", "port <port>")
                .replaceAll("started: .*", "started: <time>");
    }

    @Test
    void startStatusStop() throws Exception {
        CliRunner.Result none = cli().run("daemon", "status");
        assertEquals(ExitCodes.NEGATIVE, none.exitCode(), none.err());
        GoldenFile.assertMatches("daemon/status-not-running", none.out());

        CliRunner.Result started = cli().run("daemon", "start", "--idle-timeout", "5m");
        assertEquals(0, started.exitCode(), started.err());
        DaemonAddress address = DaemonAddress.read(home()).orElseThrow();
        assertTrue(ProcessHandle.of(address.pid()).map(ProcessHandle::isAlive).orElse(false), "no daemon process");
        assertEquals("started the daemon (pid " + address.pid() + "); `cocoatly daemon stop` stops it\n", started.err());

        CliRunner.Result again = cli().run("daemon", "start", "--json");
        assertEquals(0, again.exitCode(), again.err());
        JsonNode data = Json.mapper().readTree(again.out()).get("data");
        assertTrue(data.get("already_running").asBoolean(), again.out());
        assertEquals(address.pid(), data.get("pid").asLong());
        assertEquals(address, DaemonAddress.read(home()).orElseThrow());

        DaemonClient.Answer version = DaemonClient.run(address, new DaemonWire.Run(dir, false, false, 0,
                List.of("--version"), Map.of())).orElseThrow();
        assertEquals(new CliRunner(dir, Map.of()).run("--version").out(), version.stdout());

        CliRunner.Result status = cli().run("daemon", "status");
        assertEquals(0, status.exitCode(), status.err());
        GoldenFile.assertMatches("daemon/status-running", masked(status.out()));
        JsonNode json = Json.mapper().readTree(cli().run("daemon", "status", "--json").out()).get("data");
        assertTrue(json.get("running").asBoolean());
        assertEquals(1, json.get("served").asLong());
        assertEquals(300, json.get("idle_timeout_seconds").asLong());

        CliRunner.Result stopped = cli().run("daemon", "stop");
        assertEquals(0, stopped.exitCode(), stopped.err());
        assertEquals("stopped the daemon (pid " + address.pid() + ")\n", stopped.err());
        assertFalse(ProcessHandle.of(address.pid()).map(ProcessHandle::isAlive).orElse(false), "the daemon still runs");
        assertFalse(Files.exists(DaemonAddress.file(home())));
        assertEquals(ExitCodes.NEGATIVE, cli().run("daemon", "status").exitCode());
        assertTrue(Files.readString(DaemonAddress.log(home())).contains("stopped by `cocoatly daemon stop`"));
    }

    @Test
    void stopCleansUpAfterADaemonThatIsGone() throws Exception {
        home().create();
        // A port nothing listens at: a daemon killed with SIGKILL leaves its address behind.
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        new DaemonAddress(port, "a".repeat(64), "", Long.MAX_VALUE, "b".repeat(64)).write(home());
        assertEquals(ExitCodes.NEGATIVE, cli().run("daemon", "status").exitCode());
        CliRunner.Result stopped = cli().run("daemon", "stop");
        assertEquals(0, stopped.exitCode(), stopped.err());
        GoldenFile.assertMatches("daemon/stop-none", stopped.err());
        assertFalse(Files.exists(DaemonAddress.file(home())));
    }

    @Test
    void anIdleTimeoutUnderASecondIsInvalid() {
        CliRunner.Result r = cli().run("daemon", "start", "--idle-timeout", "500ms");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertEquals("error: `--idle-timeout` must be at least 1s, found `500ms`\nhint: e.g. `--idle-timeout 3h`\n", r.err());
        assertFalse(Files.exists(DaemonAddress.file(home())));
    }

    @Test
    void aDaemonStopsByItselfWhenIdle() throws Exception {
        assertEquals(0, cli().run("daemon", "start", "--idle-timeout", "1s").exitCode());
        long pid = DaemonAddress.read(home()).orElseThrow().pid();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.onExit().get(60, TimeUnit.SECONDS);
        assertFalse(Files.exists(DaemonAddress.file(home())));
        assertTrue(Files.readString(DaemonAddress.log(home())).contains("idle for 1s; stopping"));
    }
}
