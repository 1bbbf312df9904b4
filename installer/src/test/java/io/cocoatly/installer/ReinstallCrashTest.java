package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Home;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.testkit.TestRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same-version reinstall window: a reinstall (same versions, other bytes) killed with SIGKILL in
 * the middle of its commit, between moving the old copy aside and committing {@code state.json}.
 * Afterwards the next install of the lockfile {@code state.json} describes must leave every recorded
 * package as recorded ({@code verify} passes), whichever point the kill hit.
 */
class ReinstallCrashTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {CommitStep.MOVED_ASIDE, CommitStep.RENAMED_IN})
    void aReinstallKilledInItsCommitIsRepairedByTheNextInstall(String point) throws Exception {
        var key = TestRegistry.newKey(dir.resolve("keys"));
        TestRegistry old = new TestRegistry(dir.resolve("old"), key);
        TestRegistry other = new TestRegistry(dir.resolve("other"), key);
        for (TestRegistry r : List.of(old, other)) {
            String mark = r == old ? "old" : "other";
            r.add("c", "1.0.0", Map.of("c.txt", "c " + mark + "\n"));
            r.add("b", "1.0.0", Map.of("b.txt", "b " + mark + "\n", "lib/b.so", mark), "c@1.0.0");
        }
        Lockfile before = old.lockfile("c@1.0.0", "b@1.0.0");
        Path otherLock = dir.resolve("other.json");
        LockfileWriter.write(other.lockfile("c@1.0.0", "b@1.0.0"), otherLock);
        Home home = new Home(dir.resolve("home")).create();
        Files.writeString(home.configFile(), "{\"security\": {\"trusted_keys\": [\"" + key.publicKey().base64() + "\"]}}");
        LocalInstaller installer = new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)));
        installer.apply(new InstallRequest(before, Optional.of(old.root().toUri())), InstallListener.NONE);
        byte[] stateBefore = Files.readAllBytes(home.stateFile());

        Process child = new ProcessBuilder(ExternalInstallerTest.toolCommand().get(0), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), CommitCrashMain.class.getName(),
                home.root().toString(), other.root().toUri().toString(), otherLock.toString(), point)
                .redirectError(dir.resolve("child.log").toFile()).start();
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(line != null && line.startsWith("at " + point), () -> "child: " + line + "\n" + log());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(new String(stateBefore, StandardCharsets.UTF_8), Files.readString(home.stateFile()),
                "the kill came before the commit");

        InstallOutcome outcome = installer.apply(new InstallRequest(before, Optional.of(old.root().toUri())),
                InstallListener.NONE);

        assertFalse(outcome.recovery().isEmpty(), "recovery found the interrupted reinstall");
        VerifyReport report = installer.verify(List.of());
        assertTrue(report.ok(), () -> "not as recorded after the next install: " + report);
        assertEquals("b old\n", Files.readString(home.packagesDir().resolve("b/1.0.0/b.txt")));
        try (var left = Files.list(home.packagesDir())) {
            assertEquals(List.of("b", "c"), left.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(".cocoatly-packages")).sorted().toList(), "no leftovers");
        }
    }

    /**
     * The repair of {@code install --reinstall} commits through the same window: killed there, the
     * next install (recovery finds the leftovers and checks every kept package) leaves the package as
     * recorded, whatever the damage that asked for the repair.
     */
    @ParameterizedTest
    @ValueSource(strings = {CommitStep.MOVED_ASIDE, CommitStep.RENAMED_IN})
    void aRepairKilledInItsCommitIsFinishedByTheNextInstall(String point) throws Exception {
        var key = TestRegistry.newKey(dir.resolve("keys"));
        TestRegistry registry = new TestRegistry(dir.resolve("registry"), key);
        registry.add("c", "1.0.0", Map.of("c.txt", "c\n"));
        registry.add("b", "1.0.0", Map.of("b.txt", "b\n", "lib/b.so", "so"), "c@1.0.0");
        Lockfile lockfile = registry.lockfile("c@1.0.0", "b@1.0.0");
        Path lockPath = dir.resolve("lock.json");
        LockfileWriter.write(lockfile, lockPath);
        Home home = new Home(dir.resolve("home")).create();
        Files.writeString(home.configFile(), "{\"security\": {\"trusted_keys\": [\"" + key.publicKey().base64() + "\"]}}");
        LocalInstaller installer = new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)));
        InstallRequest request = new InstallRequest(lockfile, Optional.of(registry.root().toUri()));
        installer.apply(request, InstallListener.NONE);
        Files.writeString(home.packagesDir().resolve("b/1.0.0/b.txt"), "tampered\n");

        Process child = new ProcessBuilder(ExternalInstallerTest.toolCommand().get(0), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), CommitCrashMain.class.getName(),
                home.root().toString(), registry.root().toUri().toString(), lockPath.toString(), point, "repair")
                .redirectError(dir.resolve("child.log").toFile()).start();
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(line != null && line.startsWith("at " + point + " b@1.0.0"), () -> "child: " + line + "\n" + log());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        InstallOutcome outcome = installer.apply(request, InstallListener.NONE);

        assertFalse(outcome.recovery().isEmpty(), "recovery found the interrupted repair");
        VerifyReport report = installer.verify(List.of());
        assertTrue(report.ok(), () -> "not as recorded after the next install: " + report);
        assertEquals("b\n", Files.readString(home.packagesDir().resolve("b/1.0.0/b.txt")));
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
