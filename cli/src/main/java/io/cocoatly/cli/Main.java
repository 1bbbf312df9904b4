package io.cocoatly.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The {@code cocoatly} executable: wires the real terminal to {@link Cli}. */
public final class Main {

    private Main() {
    }

    /** Runs one command on the real terminal and exits with its code. */
    public static void main(String[] args) {
        Context context = context();
        int code = Cli.run(context, args);
        context.out().flush();
        context.err().flush();
        System.exit(code);
    }

    /**
     * The real process's streams, environment, directory and terminal, with picocli set up as every run
     * needs it. {@link CdsTraining} calls it
     * too, so that the start-up archive holds what every run loads before {@link Cli#run}.
     */
    static Context context() {
        prepare();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        InputStream in = System.in;
        return new Context(out, err, in, System.getenv(), Path.of("").toAbsolutePath(),
                Console.detect(System.getenv()));
    }

    /**
     * Sets up picocli as every run needs it, in this process: {@link #context()} and the resident
     * {@link Daemon} call it before running any command.
     */
    static void prepare() {
        // picocli's default factory otherwise looks for Groovy's Closure class on first use, and a
        // class that is not there is looked for in every jar of the class path: all 79 opened, the
        // largest single cost of a short command after the JVM's start (docs/performance-startup.md).
        // Here, not in main, so that CdsTraining runs picocli as every real run does.
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty(CommandModel.CONVERTERS_EXCLUDED, CommandModel.EXCLUDED_TYPES);
    }
}
