package io.cocoatly.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One in-process invocation of the CLI with captured output. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Path cwd, Map<String, String> env, String... args) {
        return runWithInput(cwd, env, "", args);
    }

    static CliRun runWithInput(Path cwd, Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context = new Context(new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), withTestHome(env), cwd, false);
        int exit = Cli.run(context, args);
        return new CliRun(exit, out.toString(), err.toString());
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

    /** Output with timings replaced, so that it can be compared with a golden file. */
    String maskedOut() {
        return mask(out);
    }

    static String mask(String text) {
        return text.replaceAll("in [0-9.]+ ms", "in <time> ms")
                .replaceAll("(\"(load|encode|solve|total)-ms\" : )[0-9.E-]+", "$1<time>");
    }
}
