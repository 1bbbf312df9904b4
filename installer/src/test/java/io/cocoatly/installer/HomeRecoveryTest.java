package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.config.Config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.installer.HomeRecovery.Kind;
import io.cocoatly.installer.HomeRecovery.Removed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery removes exactly the leftovers of an interrupted run, and nothing else. */
class HomeRecoveryTest {

    @TempDir
    Path dir;

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void removesStagingTempFilesAndUnrecordedInstallsOnly() throws IOException {
        Home home = new Home(dir.resolve("home")).create();
        Config config = Config.defaults(home);
        Path packages = config.storage().installDir();
        Path outside = write(dir.resolve("outside/precious.txt"), "keep me");

        // Recorded and committed: kept.
        State state = new State(List.of(StateSamples.pkg(packages, "tls", "2.1.0")));
        StateStore.write(home, state);
        write(packages.resolve("tls/2.1.0/lib/tls.so"), "tls");
        // Renamed into place, but the crash came before the state commit: removed.
        write(packages.resolve("tls/2.2.0/lib/tls.so"), "newer tls");
        write(packages.resolve("json/1.4.2/json.txt"), "json");
        // Staging of interrupted runs, in the home and in the install dir: removed.
        write(home.tmpDir().resolve("stage-1/pkg/file"), "half");
        Files.createSymbolicLink(home.tmpDir().resolve("stage-1/escape"), outside);
        write(home.tmpDir().resolve("download-77.part"), "partial");
        write(packages.resolve(".cocoatly-stage-x-1.0.0-0123abcd/x"), "half");
        write(packages.resolve(".cocoatly-user-notes"), "not a name Cocoatly makes");
        // An interrupted state commit: removed.
        write(home.root().resolve(".state.json.12345.tmp"), "{");
        // Not ours to judge: kept.
        write(packages.resolve("tls/notes.txt"), "user notes");
        write(packages.resolve("Weird Name/1.0.0/x"), "not a package name");
        write(home.root().resolve("config.json"), "{}");
        Files.createDirectories(home.pluginsDir().resolve("p"));
        Files.createSymbolicLink(packages.resolve("linked"), dir.resolve("outside"));

        HomeRecovery.Report report;
        try (InstallLock lock = InstallLock.acquire(home, Duration.ZERO, w -> { })) {
            report = HomeRecovery.recover(home, config, state, lock);
        }

        assertEquals(List.of(
                new Removed(home.root().resolve(".state.json.12345.tmp"), Kind.TEMP_FILE),
                new Removed(packages.resolve(".cocoatly-stage-x-1.0.0-0123abcd"), Kind.STAGING),
                new Removed(packages.resolve("json"), Kind.UNRECORDED_INSTALL),
                new Removed(packages.resolve("json/1.4.2"), Kind.UNRECORDED_INSTALL),
                new Removed(packages.resolve("tls/2.2.0"), Kind.UNRECORDED_INSTALL),
                new Removed(home.tmpDir().resolve("download-77.part"), Kind.TEMP_FILE),
                new Removed(home.tmpDir().resolve("stage-1"), Kind.STAGING)), report.removed());
        assertTrue(Files.exists(packages.resolve("tls/2.1.0/lib/tls.so")));
        assertTrue(Files.exists(packages.resolve("tls/notes.txt")));
        assertTrue(Files.exists(packages.resolve("Weird Name/1.0.0/x")));
        assertTrue(Files.isSymbolicLink(packages.resolve("linked")));
        assertTrue(Files.exists(packages.resolve(".cocoatly-user-notes")));
        assertEquals("keep me", Files.readString(outside), "a symlink in staging must not be followed");
        assertTrue(Files.exists(home.configFile()));
        assertTrue(Files.exists(home.stateFile()));
        assertTrue(Files.isDirectory(home.pluginsDir().resolve("p")));
        assertTrue(Files.isDirectory(home.tmpDir()));
        assertEquals(state, StateStore.read(home));
    }

    @Test
    void aCleanHomeHasNothingToRecover() {
        Home home = new Home(dir).create();
        try (InstallLock lock = InstallLock.acquire(home, Duration.ZERO, w -> { })) {
            assertTrue(HomeRecovery.recover(home, Config.defaults(home), State.empty(), lock).isEmpty());
        }
    }

    @Test
    void recoveryNeedsTheHeldLock() {
        Home home = new Home(dir).create();
        InstallLock lock = InstallLock.acquire(home, Duration.ZERO, w -> { });
        lock.close();
        assertFalse(lock.isHeld());
        assertThrows(IllegalStateException.class, () -> HomeRecovery.recover(home, Config.defaults(home), State.empty(), lock));
    }

    @Test
    void aHomeReachedThroughASymlinkKeepsItsRecordedPackages() throws IOException {
        Home real = new Home(dir.resolve("real")).create();
        State state = new State(List.of(StateSamples.pkg(real.packagesDir(), "tls", "2.1.0")));
        write(real.packagesDir().resolve("tls/2.1.0/lib/tls.so"), "tls");
        Home linked = new Home(Files.createSymbolicLink(dir.resolve("linked"), real.root()));
        try (InstallLock lock = InstallLock.acquire(linked, Duration.ZERO, w -> { })) {
            assertTrue(HomeRecovery.recover(linked, Config.defaults(linked), state, lock).isEmpty());
        }
        assertTrue(Files.exists(real.packagesDir().resolve("tls/2.1.0/lib/tls.so")));
    }
}
