package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.config.Config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} a process in the middle of committing states, many times: the state file is always
 * one complete committed state, and recovery clears the temp files the kills leave.
 */
class StateCrashTest {

    static List<State> states(Home home) {
        State two = StateSamples.two(home.packagesDir());
        return List.of(State.empty(), two, two.without(two.packages().get(0).id()),
                new State(List.of(StateSamples.pkg(home.packagesDir(), "big", "1.0.0", Stream.iterate(0, i -> i + 1).limit(2000)
                        .map(i -> new StateFileEntry.Regular("f/" + i, i, 0644, "cd".repeat(32)))
                        .toArray(StateFileEntry[]::new)))));
    }

    @Test
    void aKilledCommitLeavesACompleteState(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int run = 0; run < 6; run++) {
            Home home = new Home(dir.resolve("home" + run)).create();
            Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StateWriterMain.class.getName(), home.root().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String line = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals("writing", line);
            Thread.sleep(50 + random.nextInt(400));
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));

            State found = StateStore.read(home);
            assertTrue(states(home).contains(found), "run " + run + ": state.json is not one of the committed states");
            try (InstallLock lock = InstallLock.acquire(home, Duration.ZERO, w -> { })) {
                HomeRecovery.recover(home, Config.defaults(home), found, lock);
            }
            try (Stream<Path> left = Files.list(home.root())) {
                assertEquals(List.of(".cocoatly-home", "cocoatly.lock", "packages", "state.json", "tmp"),
                        left.map(p -> p.getFileName().toString()).sorted().toList(), "run " + run);
            }
        }
    }
}
