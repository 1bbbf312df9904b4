package io.cocoatly.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for the crash loops, started before its command is known: its main class says
 * {@code ready} once the JVM has started ({@link #awaitCommand}), then takes one command, a line of
 * tab-separated words, on stdin ({@link #send}). Start it with {@link ChildProcesses}. So a test can start the next child while the current
 * one runs, and a random kill delay is spent in the command rather than in JVM start.
 */
public final class CrashChild {

    private static final String READY = "ready";

    private CrashChild() {
    }

    /**
     * Waits until {@code child} says it is ready, then gives it {@code command} and closes its stdin.
     *
     * @throws AssertionError if the child ended or said something else first
     */
    public static void send(Process child, List<String> command) throws IOException, InterruptedException {
        String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!READY.equals(line)) {
            child.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("a child did not start: " + line);
        }
        try (OutputStream in = child.getOutputStream()) {
            in.write((String.join("\t", command) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * In the child: says {@code ready} on stdout, then reads the command from stdin; empty if stdin
     * ends without one (the test ended first).
     */
    public static Optional<List<String>> awaitCommand() throws IOException {
        System.out.println(READY);
        System.out.flush();
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? Optional.empty() : Optional.of(List.of(line.split("\t")));
    }
}
