package io.cocoatly.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in-process with captured output, for tests: the one helper every CLI test uses,
 * with a fixed working directory and environment ({@code new CliRunner(cwd, env).run(args...)}).
 */
final class CliRunner {

    /** What one invocation printed and returned. */
    record Result(int exitCode, String out, String err) {

        /** Output with timings replaced, so that it can be compared with a golden file. */
        String maskedOut() {
            return mask(out);
        }
    }

    private final Path cwd;
    private final Map<String, String> env;

    /**
     * @param cwd the working directory the commands see
     * @param env their environment; without {@code COCOATLY_HOME}, the build's test home (see {@link #withTestHome})
     */
    CliRunner(Path cwd, Map<String, String> env) {
        this.cwd = cwd;
        this.env = withTestHome(env);
    }

    /** A runner in {@code cwd} with a fixed terminal width and the build's test home. */
    static CliRunner in(Path cwd) {
        return new CliRunner(cwd, Map.of("COLUMNS", "100"));
    }

    /** Runs {@code cocoatly args...} with nothing on stdin. */
    Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs {@code cocoatly args...} with {@code stdin} as its input. */
    Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context = new Context(new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, cwd, false);
        int exit = Cli.run(context, args);
        return new Result(exit, out.toString(), err.toString());
    }

    /**
     * Every command reads the home's configuration, and a test's environment usually names no home:
     * it then gets the build's test home (surefire's {@code COCOATLY_HOME}), never the user's
     * {@code ~/.cocoatly}.
     */
    static Map<String, String> withTestHome(Map<String, String> env) {
        if (env.containsKey("COCOATLY_HOME")) {
            return env;
        }
        String testHome = System.getenv("COCOATLY_HOME");
        Map<String, String> withHome = new HashMap<>(env);
        withHome.put("COCOATLY_HOME", testHome != null ? testHome : Path.of("target", "test-home").toAbsolutePath().toString());
        return withHome;
    }

    /** {@code text} with timings replaced by {@code <time>}. */
    static String mask(String text) {
        return text.replaceAll("in [0-9.]+ ms", "in <time> ms")
                .replaceAll("(\"(load|encode|solve|total)-ms\" : )[0-9.E-]+", "$1<time>");
    }
}
