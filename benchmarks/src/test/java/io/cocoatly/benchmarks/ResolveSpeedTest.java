package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The speed run on the committed excerpt, as a fresh clone runs it: every answer valid and proven. */
class ResolveSpeedTest {

    /** The report of a run on the excerpt with {@code warmup} fixed passes, after checking it found no failure. */
    private static String run(int warmup) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failures = ResolveSpeed.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--excerpt",
                "--warmup=" + warmup, "--runs=1", "--version-runs=1");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, failures, text);
        return text;
    }

    @Test
    void runsOnTheExcerptWithEveryAnswerCheckedAndProven() {
        String text = run(0);
        assertTrue(text.contains("| (a) top roots | 48 |"), text);
        assertTrue(text.contains("| (a) top roots, each once through a new Resolver | 48 |"), text);
        assertTrue(text.contains("| (d) all top roots pinned together, explained | 1 |"), text);
        assertTrue(text.contains("Solutions failing the independent check: 0; solved but not proven optimal: 0; resolutions that threw: 0."), text);
        assertTrue(text.matches("(?s).*Answers digest \\(.*\\): [0-9a-f]{64}\\n.*"), text);
        assertTrue(text.contains("Warm-up: 0 passes over (a), then 0 more until 3 passes in a row each kept the JIT compiling"
                + " under 5 ms"), text);
    }

    @Test
    void warmsUpUntilTheCompilerSettles() {
        String text = run(2);
        // Two fixed passes, then two more (the limit) or fewer: three quiet passes cannot come within two.
        assertTrue(text.matches("(?s).*Warm-up: 2 passes over \\(a\\), then 2 more until 3 passes in a row each kept"
                + " the JIT compiling under 5 ms \\(at most 2 more\\); it compiled \\d+ ms while \\(a\\) was timed \\(.*\\)\\.\\n.*"), text);
    }
}
