package io.cocoatly.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child processes one test starts, each writing to a numbered log file of its own
 * ({@code child-N.log}); closing kills those still running, so that no child outlives its test.
 */
public final class ChildProcesses implements AutoCloseable {

    private final Path logDir;
    private final List<Process> started = new ArrayList<>();

    /** @param logDir an existing directory for the logs, usually the test's temporary directory */
    public ChildProcesses(Path logDir) {
        this.logDir = logDir;
    }

    /**
     * A {@code java} command running {@code main} with this JVM's class path, tuned to start fast
     * (C1 only, serial GC), with {@code jvmOptions} (such as {@code -Dkey=value}) before it. The
     * caller sets the working directory and environment, then starts it with {@link #start}.
     */
    public static ProcessBuilder java(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command);
    }

    /**
     * Starts {@code builder} with its stderr in a new log file (its stdout too if the builder
     * merges the two; otherwise stdout is left to the caller, to talk to the child).
     */
    public Process start(ProcessBuilder builder) throws IOException {
        Path log = logDir.resolve("child-" + started.size() + ".log");
        if (builder.redirectErrorStream()) {
            builder.redirectOutput(log.toFile());
        } else {
            builder.redirectError(log.toFile());
        }
        Process p = builder.start();
        started.add(p);
        return p;
    }

    /** What {@code p}, started here, has written to its log so far (for a failure's message). */
    public String log(Process p) {
        try {
            return Files.readString(logDir.resolve("child-" + started.indexOf(p) + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Kills every child still running (SIGKILL) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
