package io.cocoatly.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process of {@link GlobalCrashLoopTest}: the {@code cocoatly} command ({@link Main}), given
 * its arguments on stdin rather than on its command line. It says {@code ready} once the JVM has
 * started (and loaded the command classes), then reads one line of tab-separated arguments and runs {@link Main#main} with them, so
 * that the test can start the next child while the current one runs, and its random kill delay is
 * spent in the command rather than in JVM start. Its environment and working directory are the
 * test's choice, as for any {@code cocoatly} process.
 */
public final class GlobalCrashStepMain {

    private GlobalCrashStepMain() {
    }

    /** Reads {@code ARG<TAB>ARG...} from stdin; ends without running anything at end of input. */
    public static void main(String[] ignored) throws Exception {
        // Loads the command classes (picocli builds every subcommand on each run) before saying
        // ready, so that more of the random delays land in the command's work under the lock.
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        Cli.run(new Context(discard, discard, InputStream.nullInputStream(), System.getenv(), Path.of("").toAbsolutePath(),
                false), "--help");
        System.out.println("ready");
        System.out.flush();
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            return; // the test ended without giving a command
        }
        Main.main(line.split("\t"));
    }
}
