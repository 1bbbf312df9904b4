package io.cocoatly.cli;

import io.cocoatly.testkit.CrashChild;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Child process of {@link GlobalCrashLoopTest}: the {@code cocoatly} command ({@link Main}), given
 * its arguments on stdin rather than on its command line ({@link CrashChild}: it says it is ready
 * once the JVM has started and loaded the command classes), so that the test can start the next
 * child while the current one runs and its random kill delay is spent in the command. Its
 * environment and working directory are the test's choice, as for any {@code cocoatly} process.
 */
public final class GlobalCrashStepMain {

    private GlobalCrashStepMain() {
    }

    /** Reads {@code ARG<TAB>ARG...} from stdin and runs it; ends without running anything at end of input. */
    public static void main(String[] ignored) throws Exception {
        // Loads the command classes (picocli builds every subcommand on each run) before saying
        // ready, so that more of the random delays land in the command's work under the lock.
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        Cli.run(new Context(discard, discard, InputStream.nullInputStream(), System.getenv(), Path.of("").toAbsolutePath(),
                false), "--help");
        Optional<List<String>> command = CrashChild.awaitCommand();
        if (command.isPresent()) { // else the test ended without giving a command
            Main.main(command.get().toArray(String[]::new));
        }
    }
}
