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

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        InputStream in = System.in;
        Context context = new Context(out, err, in, System.getenv(), Path.of("").toAbsolutePath(),
                Console.detect(System.getenv()));
        int code = Cli.run(context, args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
