package io.cocoatly.installer;

import io.cocoatly.testkit.FileServer;

import io.cocoatly.testkit.TestRegistry;

import io.cocoatly.config.Home;
import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs in real separate processes: two at once (the install lock serialises them), and many
 * killed with SIGKILL at random moments, after each of which recovery must find a consistent state.
 */
class InstallProcessTest {

    @TempDir
    Path dir;

    private TestRegistry registry;
    private Home home;
    private FileServer server;
    private Path lockX;
    private Path lockY;
    private Lockfile x;
    private Lockfile y;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            registry.add("p" + i, "1.0.0");
            registry.add("p" + i, "2.0.0");
            xs.add("p" + i + "@1.0.0");
            if (i % 3 != 0) {
                ys.add("p" + i + "@" + (i % 2 == 0 ? "1.0.0" : "2.0.0"));
            }
        }
        x = registry.lockfile(xs.toArray(String[]::new));
        y = registry.lockfile(ys.toArray(String[]::new));
        lockX = dir.resolve("x.json");
        lockY = dir.resolve("y.json");
        LockfileWriter.write(x, lockX);
        LockfileWriter.write(y, lockY);
        home = new Home(dir.resolve("home")).create();
        Files.writeString(home.configFile(), "{\"security\": {\"trusted_keys\": [\"" + registry.key().publicKey().base64()
                + "\"]}}");
        server = new FileServer(registry.root(), 1);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        server.close();
    }

    private Process start(Path lockfile) throws IOException {
        Process p = new ProcessBuilder(ExternalInstallerTest.toolCommand().get(0), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), SlowInstallMain.class.getName(),
                home.root().toString(), server.uri().toString(), lockfile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + processes.size() + ".log").toFile())
                .start();
        processes.add(p);
        return p;
    }

    @Test
    void twoProcessesInstallingAtOnceAreSerialisedByTheLock() throws Exception {
        Process first = start(lockX);
        Process second = start(lockY);

        assertTrue(first.waitFor(60, TimeUnit.SECONDS) && second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), () -> log(0));
        assertEquals(0, second.exitValue(), () -> log(1));
        Set<PackageId> installed = new HashSet<>(StateStore.read(home).ids());
        assertTrue(installed.equals(new HashSet<>(x.ids())) || installed.equals(new HashSet<>(y.ids())), installed::toString);
        assertConsistent();
    }

    @Test
    void aKilledInstallAlwaysRecoversToAConsistentState() throws Exception {
        Random random = new Random(42);
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        int runs = 0;
        int committed = 0;
        int killed = 0;
        while (runs < 20 && System.nanoTime() < deadline) {
            Set<PackageId> before = new HashSet<>(StateStore.read(home).ids());
            Process p = start(runs % 2 == 0 ? lockX : lockY);
            boolean exited = p.waitFor(300 + random.nextInt(1200), TimeUnit.MILLISECONDS);
            if (!exited) {
                killed++;
                p.destroyForcibly();
                p.waitFor(20, TimeUnit.SECONDS);
            }
            recover();
            Set<PackageId> after = new HashSet<>(StateStore.read(home).ids());
            assertTrue(after.equals(before) || after.equals(new HashSet<>((runs % 2 == 0 ? x : y).ids())),
                    "state is the old or the new installation, nothing in between: " + after);
            if (!after.equals(before)) {
                committed++;
            }
            assertConsistent();
            runs++;
        }
        assertTrue(runs >= 10, "only " + runs + " runs");
        System.out.println("kill test: " + runs + " runs, " + killed + " killed, " + committed + " changed the state");
        assertTrue(killed > 0, "no run was killed: the test did not test anything");
    }

    private void recover() {
        try (InstallLock lock = InstallLock.acquire(home, Duration.ofSeconds(30), w -> { })) {
            Config config = ConfigReader.read(home);
            HomeRecovery.recover(home, config, StateStore.read(home), lock);
        }
    }

    private void assertConsistent() throws IOException {
        State state = StateStore.read(home);
        Set<Path> recorded = new HashSet<>();
        for (StatePackage p : state.packages()) {
            recorded.add(p.installPath());
            VerifyReport.PackageCheck check = InstalledFiles.check(p);
            assertTrue(check.ok(), () -> "not as recorded: " + check);
        }
        for (String name : InstallerContract.list(home.packagesDir())) {
            if (name.equals(HomeRecovery.INSTALL_DIR_MARKER)) {
                continue;
            }
            assertFalse(name.startsWith(HomeRecovery.STAGING_PREFIX), "staging left over: " + name);
            for (String version : InstallerContract.list(home.packagesDir().resolve(name))) {
                Path path = home.packagesDir().resolve(name).resolve(version);
                assertTrue(recorded.contains(path), "a package directory not in state.json: " + path);
            }
        }
    }

    private String log(int i) {
        try {
            return Files.readString(dir.resolve("child-" + i + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
