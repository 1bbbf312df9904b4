package io.cocoatly.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process with captured output, for tests. */
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context = new Context(new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, cwd, false);
        int code = Cli.run(context, args);
        return new Result(code, out.toString(), err.toString());
    }
}
