package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs: a command reaches a started child whole, and closing kills a child still waiting. */
class ChildProcessesTest {

    @TempDir
    Path dir;

    @Test
    void aStartedChildGetsItsCommandWordForWordAndLogsToItsOwnFile() throws Exception {
        try (ChildProcesses children = new ChildProcesses(dir)) {
            Process first = children.start(ChildProcesses.java(List.of(), EchoChildMain.class, "arg"));
            Process second = children.start(ChildProcesses.java(List.of(), EchoChildMain.class, "other"));

            CrashChild.send(first, List.of("install", "a b@1.0.0", "--quiet"));
            CrashChild.send(second, List.of("uninstall"));

            assertTrue(first.waitFor(60, TimeUnit.SECONDS) && second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, first.exitValue(), children.log(first));
            assertEquals("arg\ninstall\na b@1.0.0\n--quiet\n", children.log(first));
            assertEquals("other\nuninstall\n", children.log(second));
        }
    }

    @Test
    void closingKillsAChildStillWaitingForItsCommand() throws Exception {
        Process waiting;
        try (ChildProcesses children = new ChildProcesses(dir)) {
            waiting = children.start(ChildProcesses.java(List.of("-Dunused=1"), EchoChildMain.class));
            assertTrue(waiting.isAlive());
        }
        assertFalse(waiting.isAlive());
        assertEquals(137, waiting.exitValue(), "killed by SIGKILL");
    }
}
