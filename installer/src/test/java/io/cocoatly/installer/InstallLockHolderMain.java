package io.cocoatly.installer;

import io.cocoatly.config.Home;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for {@link InstallLockProcessTest}: takes the lock of the home given as its
 * argument, says {@code locked <pid>}, holds it until a line (or end of input) arrives on stdin,
 * then releases it and says {@code released}.
 */
public final class InstallLockHolderMain {

    private InstallLockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Home home = new Home(Path.of(args[0]));
        try (InstallLock lock = InstallLock.acquire(home, Duration.ofSeconds(60), waiting -> { })) {
            System.out.println((lock.isHeld() ? "locked " : "lost ") + ProcessHandle.current().pid());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        System.out.println("released");
        System.out.flush();
    }
}
