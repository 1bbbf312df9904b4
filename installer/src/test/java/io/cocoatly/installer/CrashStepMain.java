package io.cocoatly.installer;

import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Home;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.model.PackageName;
import io.cocoatly.testkit.CrashChild;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Child process of {@link CrashLoopTest}: one command on a home, killed at a random moment by the
 * test. Says {@code ready} once the JVM has started, then reads its command as one line of
 * tab-separated words on stdin, so that the test can start the next child while the current one runs
 * and its random delay is spent in the command rather than in JVM start. Pauses a little after each
 * extracted, committed and removed event so that a kill lands in every phase. Argument: the home;
 * commands: {@code install REGISTRY-URI LOCKFILE} or {@code uninstall NAME[,NAME...]}.
 */
public final class CrashStepMain {

    private CrashStepMain() {
    }

    public static void main(String[] argv) throws IOException {
        Home home = new Home(Path.of(argv[0]));
        LocalInstaller installer = new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)));
        InstallListener slow = SlowInstallMain.SLOW;
        Optional<List<String>> command = CrashChild.awaitCommand();
        if (command.isEmpty()) {
            return; // the test ended without giving a command
        }
        List<String> args = command.get();
        switch (args.get(0)) {
            case "install" -> installer.apply(new InstallRequest(LockfileReader.read(Path.of(args.get(2))),
                    Optional.of(URI.create(args.get(1)))), slow);
            case "uninstall" -> installer.uninstall(Arrays.stream(args.get(1).split(",")).map(PackageName::of).toList(), false,
                    slow);
            default -> throw new IllegalArgumentException("unknown command: " + args.get(0));
        }
        System.exit(0);
    }
}
