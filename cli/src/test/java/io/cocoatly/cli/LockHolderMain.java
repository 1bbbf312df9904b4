package io.cocoatly.cli;

import io.cocoatly.config.Home;
import io.cocoatly.installer.InstallLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for {@link LockWaitTest}: takes the install lock of the home given as its
 * argument, says {@code locked <pid>}, and holds it until a line (or end of input) arrives on stdin.
 */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    /** {@code LockHolderMain HOME} */
    public static void main(String[] args) throws Exception {
        try (InstallLock lock = InstallLock.acquire(new Home(Path.of(args[0])), Duration.ofSeconds(60), waiting -> { })) {
            System.out.println("locked " + ProcessHandle.current().pid());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }
}
