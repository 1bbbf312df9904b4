package io.cocoatly.installer;

import io.cocoatly.artifact.ExtractedPackage;
import io.cocoatly.config.Home;
import io.cocoatly.config.ConfigReader;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.model.PackageId;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Child process for the kill tests: applies a lockfile to a home, pausing a little after each
 * extracted, committed and removed event so that a kill at a random moment lands in every phase.
 * Arguments: home directory, registry URI, lockfile path.
 */
public final class SlowInstallMain {

    /** Pauses 15 ms after each package is unpacked, at the commit and after each removal, so a kill lands mid-run. */
    static final InstallListener SLOW = new InstallListener() {
        @Override
        public void extracted(PackageId id, ExtractedPackage files) {
            pause();
        }

        @Override
        public void committed(State state) {
            pause();
        }

        @Override
        public void removed(PackageId id) {
            pause();
        }
    };

    private SlowInstallMain() {
    }

    public static void main(String[] args) {
        Home home = new Home(Path.of(args[0]));
        InstallSettings settings = InstallSettings.from(ConfigReader.read(home));
        new LocalInstaller(home, settings).apply(new InstallRequest(LockfileReader.read(Path.of(args[2])),
                Optional.of(URI.create(args[1]))), SLOW);
        System.exit(0);
    }

    private static void pause() {
        try {
            Thread.sleep(15);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
