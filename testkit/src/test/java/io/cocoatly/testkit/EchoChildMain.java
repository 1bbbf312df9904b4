package io.cocoatly.testkit;

import java.util.List;
import java.util.Optional;

/** A child for {@link ChildProcessesTest}: waits for its command, then writes its words to stderr, one a line. */
public final class EchoChildMain {

    private EchoChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Optional<List<String>> command = CrashChild.awaitCommand();
        System.err.println(String.join("\n", args));
        command.ifPresent(words -> System.err.println(String.join("\n", words)));
    }
}
