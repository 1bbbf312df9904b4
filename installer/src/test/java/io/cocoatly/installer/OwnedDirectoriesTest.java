package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.Config;
import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageName;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never delete what is not ours: recovery runs only in a home and an install directory that carry
 * Cocoatly's marker (or that it adopts as an earlier Cocoatly's), refuses a state that points outside
 * the install directory, and skips a leftover it cannot delete instead of blocking every command.
 */
class OwnedDirectoriesTest {

    @TempDir
    Path dir;

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static InstallSettings settings(Home home) {
        return InstallSettings.from(Config.defaults(home));
    }

    @Test
    void aUserDirectoryNamedAsTheHomeIsRefusedAndNothingInItIsDeleted() throws IOException {
        // COCOATLY_HOME=$HOME cocoatly uninstall foo, with ~/tmp/ holding the user's files.
        Path userHome = dir.resolve("user");
        Path precious = write(userHome.resolve("tmp/draft.txt"), "my draft");
        write(userHome.resolve("notes.txt"), "notes");
        Home home = new Home(userHome);

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> new LocalInstaller(home, settings(home))
                .uninstall(List.of(PackageName.of("foo")), false, InstallListener.NONE));

        assertEquals("not-a-home", e.code());
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertEquals("not a Cocoatly home: `" + userHome + "` has files and no `.cocoatly-home`", e.getMessage());
        assertEquals("point `COCOATLY_HOME` at an empty or new directory", e.hints().get(0));
        assertEquals("my draft", Files.readString(precious));
        assertFalse(Files.exists(userHome.resolve(Home.MARKER)));
        assertFalse(Files.exists(userHome.resolve("cocoatly.lock")));
    }

    @Test
    void anInstallDirectoryWithOtherFilesIsRefusedAndNothingInItIsDeleted() throws IOException {
        Home home = new Home(dir.resolve("home")).create();
        Path elsewhere = dir.resolve("work");
        Path precious = write(elsewhere.resolve("project/1.0.0/main.c"), "int main;");
        InstallSettings settings = settings(home).withInstallDir(elsewhere);

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> new LocalInstaller(home, settings)
                .uninstall(List.of(PackageName.of("foo")), false, InstallListener.NONE));

        assertEquals("not-an-install-dir", e.code());
        assertEquals("not a Cocoatly install directory: `" + elsewhere + "` has files and no `.cocoatly-packages`",
                e.getMessage());
        assertEquals("int main;", Files.readString(precious));
    }

    @Test
    void newAndEmptyDirectoriesAreMarkedWhenCocoatlyCreatesThem() throws IOException {
        Home home = new Home(dir.resolve("new/home")).create();
        Files.createDirectories(dir.resolve("empty"));
        Home empty = new Home(dir.resolve("empty")).create();
        for (Home h : List.of(home, empty)) {
            assertTrue(Files.readString(h.root().resolve(Home.MARKER)).startsWith("This directory is a Cocoatly home"));
            try (InstallLock lock = InstallLock.acquire(h, Duration.ZERO, w -> { })) {
                assertTrue(HomeRecovery.recover(h, Config.defaults(h), State.empty(), lock).isEmpty());
            }
            assertTrue(Files.isRegularFile(h.packagesDir().resolve(HomeRecovery.INSTALL_DIR_MARKER)));
        }
    }

    @Test
    void aHomeOfAnEarlierCocoatlyIsAdoptedAndKeepsItsPackages() throws IOException {
        Path root = dir.resolve("old-home");
        Path packages = root.resolve("packages");
        State state = new State(List.of(StateSamples.pkg(packages, "tls", "2.1.0")));
        Files.createDirectories(root);
        Files.write(root.resolve("state.json"), StateStore.toBytes(state));
        write(root.resolve("config.json"), "{}");
        write(root.resolve("registry/readme"), "a registry the user keeps here");
        write(packages.resolve("tls/2.1.0/lib/tls.so"), "tls");
        write(packages.resolve("json/1.0.0/json.txt"), "renamed in, never committed");
        Home home = new Home(root);

        HomeRecovery.Report report;
        try (InstallLock lock = InstallLock.acquire(home, Duration.ZERO, w -> { })) {
            report = HomeRecovery.recover(home, Config.defaults(home), StateStore.read(home), lock);
        }

        assertTrue(Files.isRegularFile(root.resolve(Home.MARKER)));
        assertTrue(Files.isRegularFile(packages.resolve(HomeRecovery.INSTALL_DIR_MARKER)));
        assertTrue(Files.exists(packages.resolve("tls/2.1.0/lib/tls.so")));
        assertTrue(Files.exists(root.resolve("registry/readme")));
        assertEquals(List.of(packages.resolve("json"), packages.resolve("json/1.0.0")),
                report.removed().stream().map(HomeRecovery.Removed::path).toList());
        // A project's .cocoatly/ holding only its config.json is adopted too.
        write(dir.resolve("project/.cocoatly/config.json"), "{}");
        new Home(dir.resolve("project/.cocoatly")).create();
        assertTrue(Files.exists(dir.resolve("project/.cocoatly").resolve(Home.MARKER)));
    }

    @Test
    void aStateRecordingAPackageOutsideTheInstallDirectoryIsRefused() throws IOException {
        Home home = new Home(dir.resolve("home")).create();
        Path victim = write(dir.resolve("victim/tls/2.1.0/lib/tls.so"), "not Cocoatly's");
        StateStore.write(home, new State(List.of(StateSamples.pkg(dir.resolve("victim"), "tls", "2.1.0"))));
        write(home.packagesDir().resolve("tls/2.1.0/x"), "x");

        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new LocalInstaller(home, settings(home))
                .uninstall(List.of(PackageName.of("tls")), false, InstallListener.NONE));

        assertEquals("invalid-state", e.code());
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertEquals("$.packages[0].install_path", e.jsonPath());
        assertTrue(e.getMessage().contains("outside its place in the install directory"), e.getMessage());
        assertEquals("not Cocoatly's", Files.readString(victim));
        assertTrue(Files.exists(home.packagesDir().resolve("tls/2.1.0/x")), "nothing acted on");
    }

    @Test
    void anUndeletableLeftoverIsReportedWithItsReasonAndSkipped() throws IOException {
        Home home = new Home(dir.resolve("home")).create();
        Path stuck = write(home.packagesDir().resolve(".cocoatly-stage-a-1.0.0-0000abcd/f"), "stuck").getParent();
        Path other = write(home.packagesDir().resolve(".cocoatly-stage-b-1.0.0-1111abcd/f"), "half").getParent();
        Path temp = write(home.tmpDir().resolve("x.part"), "partial");
        // Root may delete anything, so the refusal is made by the deleter, as EACCES would be.
        HomeRecovery.Deleter deleter = path -> {
            if (path.equals(stuck)) {
                throw new AccessDeniedException(path.toString());
            }
            HomeRecovery.Deleter.TREE.delete(path);
        };

        HomeRecovery.Report report;
        for (int run = 0; run < 2; run++) {
            try (InstallLock lock = InstallLock.acquire(home, Duration.ZERO, w -> { })) {
                report = HomeRecovery.recover(home, Config.defaults(home), State.empty(), lock, deleter);
            }
            assertEquals(List.of(new HomeRecovery.Skipped(stuck, HomeRecovery.Kind.STAGING, "permission denied")),
                    report.skipped(), "run " + run);
            assertEquals("cannot remove `" + stuck + "` left by an interrupted run: permission denied; skipped it (remove"
                    + " it by hand)", report.skipped().get(0).message());
            assertEquals(run == 0 ? List.of(other, temp) : List.of(),
                    report.removed().stream().map(HomeRecovery.Removed::path).toList());
        }
        assertTrue(Files.exists(stuck));
    }
}
