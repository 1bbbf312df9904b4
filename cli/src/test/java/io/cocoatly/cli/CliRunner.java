package io.cocoatly.cli;

import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process with captured output, for tests, with a fixed working directory and environment. */
final class CliRunner {

    /** What one invocation printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    private final Path cwd;
    private final Map<String, String> env;

    CliRunner(Path cwd, Map<String, String> env) {
        this.cwd = cwd;
        this.env = env;
    }

    static CliRunner in(Path cwd) {
        return new CliRunner(cwd, Map.of("COLUMNS", "100"));
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        CliRun r = CliRun.runWithInput(cwd, env, stdin, args);
        return new Result(r.exit(), r.out(), r.err());
    }
}
