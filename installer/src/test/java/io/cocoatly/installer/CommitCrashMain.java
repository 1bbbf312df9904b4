package io.cocoatly.installer;

import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Home;
import io.cocoatly.lockfile.LockfileReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Child process for the commit kill tests: applies a lockfile to a home and, when the commit reaches
 * the named point ({@link CommitStep.Probe}), prints {@code at <point> <package>} and waits to be
 * killed. Arguments: home directory, registry URI, lockfile path, point, and optionally
 * {@code repair} to ask for the damaged packages to be reinstalled ({@code install --reinstall}).
 */
public final class CommitCrashMain {

    private CommitCrashMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Home home = new Home(Path.of(args[0]));
        InstallSettings settings = InstallSettings.from(ConfigReader.read(home));
        String wanted = args[3];
        CommitStep.Probe probe = (point, id) -> {
            if (point.equals(wanted)) {
                System.out.println("at " + point + " " + id);
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // Not killed within a minute: leave without committing, as a kill would.
                Runtime.getRuntime().halt(3);
            }
        };
        InstallRequest request = new InstallRequest(LockfileReader.read(Path.of(args[2])), Optional.of(URI.create(args[1])));
        if (args.length > 4 && args[4].equals("repair")) {
            request = request.withReinstall(new InstallRequest.Reinstall(true, Set.of()));
        }
        new LocalInstaller(home, settings).withCommitProbe(probe).apply(request, InstallListener.NONE);
        System.out.println("finished");
        System.exit(0);
    }
}
