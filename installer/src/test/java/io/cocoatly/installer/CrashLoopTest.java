package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Home;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.PackageId;
import io.cocoatly.testkit.ChildProcesses;
import io.cocoatly.testkit.CrashChild;
import io.cocoatly.testkit.FileTree;
import io.cocoatly.testkit.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded crash loop: commands on one scratch home in real processes ({@link CrashStepMain}),
 * SIGKILLed at random moments, each followed by the next command (a no-op uninstall in this JVM,
 * which takes the lock and recovers, as every command does first), {@code verify}, and a
 * consistency check of this test's own that does not use the installer's code: every package in
 * {@code state.json} has exactly its recorded files on disk with their recorded sizes and sha256
 * digests, no {@code <name>/<version>} directory is unrecorded, nothing is left in the home's
 * {@code tmp/}, and {@code state.json} is the state before the command or the one it was making.
 *
 * <p>The random moments come from a fixed seed, printed in every failure; set
 * {@code -Dcocoatly.crashloop.seed=N} to try another. Bounded in count (30 kills, 60 commands) and
 * time (15 s of commands per loop, longer only until 5 kills and one change of the state have been seen).
 */
class CrashLoopTest {

    private static final int KILLS = 30;
    private static final int MAX_COMMANDS = 60;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(15);

    @TempDir
    Path dir;

    private Home home;
    private InstallSettings settings;
    private TestRegistry registry;
    private TestRegistry rebuilt;
    private final List<Command> installs = new ArrayList<>();
    private Command reinstall;
    private ChildProcesses children;

    /** One command of the loop: its arguments to {@link CrashStepMain} and the state it makes. */
    private record Command(String label, List<String> args, Map<PackageId, Optional<String>> target) {
    }

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        children = new ChildProcesses(dir);
        registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        // The same versions again with other bytes, signed with the same key: a reinstall.
        rebuilt = new TestRegistry(dir.resolve("rebuilt"), registry.key());
        List<String> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "p" + i;
            registry.add(name, "1.0.0");
            registry.add(name, "2.0.0");
            rebuilt.add(name, "1.0.0", Map.of(name + ".txt", name + " 1.0.0, rebuilt\n", "lib/" + name + ".so",
                    "another binary of " + name + "@1.0.0 " + "x".repeat(i * 100)));
            x.add(name + "@1.0.0");
            if (i % 3 != 0) {
                y.add(name + "@" + (i % 2 == 0 ? "1.0.0" : "2.0.0"));
            }
        }
        installs.add(install("install x", registry, registry.lockfile(x.toArray(String[]::new))));
        installs.add(install("install y (changed lockfile)", registry, registry.lockfile(y.toArray(String[]::new))));
        reinstall = install("reinstall x with other bytes", rebuilt, rebuilt.lockfile(x.toArray(String[]::new)));
        home = new Home(dir.resolve("home")).create();
        Files.writeString(home.configFile(), "{\"security\": {\"trusted_keys\": [\"" + registry.key().publicKey().base64()
                + "\"]}}");
        settings = InstallSettings.from(ConfigReader.read(home));
    }

    private Command install(String label, TestRegistry from, Lockfile lockfile) {
        Path file = dir.resolve("lock-" + installs.size() + (from == rebuilt ? "-rebuilt" : "") + ".json");
        LockfileWriter.write(lockfile, file);
        Map<PackageId, Optional<String>> target = new TreeMap<>();
        lockfile.packages().forEach(p -> target.put(p.id(), p.artifact().map(InstallPlanner::digest)));
        return new Command(label, List.of("install", from.root().toUri().toString(), file.toString()), target);
    }

    @Test
    void killedInstallsChangedLockfilesAndUninstallsLeaveAConsistentHome() throws Exception {
        loop(Long.getLong("cocoatly.crashloop.seed", 10L), false);
    }

    @Test
    // Reinstalls of other bytes under the same versions: the window between moving a recorded copy
    // aside and renaming the new one in is closed (recovery puts the copy back), which
    // ReinstallCrashTest pins at each point; here kills land wherever timing puts them.
    void killedReinstallsOfOtherBytesLeaveAConsistentHome() throws Exception {
        loop(Long.getLong("cocoatly.crashloop.seed", 11L), true);
    }

    private void loop(long seed, boolean withReinstall) throws Exception {
        Random random = new Random(seed);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int kills = 0;
        int commands = 0;
        int changed = 0;
        List<String> log = new ArrayList<>();
        // The first command runs to its end; its length (on this machine, under its load) sets the
        // first range of the random kill delays. The range then follows the machine: longer after a
        // kill that changed nothing, shorter after a command that ended first, so that kills land
        // before, during and after commits whatever the load.
        Process setup = start(spawn(), installs.get(0));
        long first = System.nanoTime();
        assertTrue(setup.waitFor(120, TimeUnit.SECONDS), "seed " + seed + ": the first install did not end");
        assertEquals(0, setup.exitValue(), () -> children.log(setup));
        double span = Math.max(100, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first));
        assertConsistent("seed " + seed + ", first install");
        Process spare = spawn();
        // Past the time budget only while the loop has not yet killed 5 commands or seen one change the
        // state: on a loaded machine 15 s may hold too few commands to have tested anything.
        while (kills < KILLS && commands < MAX_COMMANDS && (System.nanoTime() < deadline || kills < 5 || changed == 0)) {
            Map<PackageId, Optional<String>> before = recorded();
            Command command = next(random, before, withReinstall);
            int delay = random.nextInt((int) span);
            String where = "seed " + seed + ", command " + commands + " (" + command.label() + ", killed after " + delay
                    + " ms unless done); earlier: " + log;
            log.add(command.label());
            Process p = start(spare, command);
            // The next child starts its JVM meanwhile; it waits for its command on stdin.
            spare = spawn();
            boolean done = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), where);
                kills++;
                log.set(log.size() - 1, command.label() + " (killed)");
                // The next command: takes the lock and recovers first, as every command does.
                new LocalInstaller(home, settings).uninstall(List.of(), false, new InstallListener() { });
            } else {
                assertEquals(0, p.exitValue(), () -> where + ": " + children.log(p));
            }
            Map<PackageId, Optional<String>> after = recorded();
            if (done) {
                assertEquals(command.target(), after, where + ": a finished command made its state");
            } else {
                assertTrue(after.equals(before) || after.equals(command.target()),
                        where + ": state.json is neither the state before nor the one being made: " + after);
            }
            assertConsistent(where);
            if (!after.equals(before)) {
                changed++;
            }
            span = done ? Math.max(100, span * 0.85) : after.equals(before) ? Math.min(10_000, span * 1.15) : span;
            commands++;
        }
        spare.getOutputStream().close();
        spare.waitFor(30, TimeUnit.SECONDS);
        System.out.println("crash loop (seed " + seed + ", delays up to " + (int) span + " ms at the end): " + commands + " commands, " + kills
                + " killed, " + changed + " changed the state: " + log);
        assertTrue(kills >= 5, "seed " + seed + ": only " + kills + " kills in " + commands + " commands");
        assertTrue(changed > 0, "seed " + seed + ": no command changed the state: the loop tested nothing");
    }

    /**
     * The next command: an install that changes something (a no-op one is rarely caught by a kill),
     * or an uninstall of one to three installed names.
     */
    private Command next(Random random, Map<PackageId, Optional<String>> state, boolean withReinstall) {
        int choice = random.nextInt(withReinstall ? 4 : 3);
        if (choice < 2 || state.isEmpty() || choice == 3) {
            List<Command> candidates = new ArrayList<>(installs);
            if (withReinstall) {
                candidates.add(reinstall);
            }
            List<Command> changing = candidates.stream().filter(c -> !c.target().equals(state)).toList();
            List<Command> from = changing.isEmpty() ? candidates : changing;
            return from.get(random.nextInt(from.size()));
        }
        List<PackageId> installed = new ArrayList<>(state.keySet());
        TreeSet<String> gone = new TreeSet<>();
        int count = 1 + random.nextInt(Math.min(3, installed.size()));
        while (gone.size() < count) {
            gone.add(installed.get(random.nextInt(installed.size())).name().toString());
        }
        Map<PackageId, Optional<String>> target = new TreeMap<>(state);
        target.keySet().removeIf(id -> gone.contains(id.name().toString()));
        return new Command("uninstall " + String.join(",", gone), List.of("uninstall", String.join(",", gone)), target);
    }

    /** Starts a child that waits for its command. */
    private Process spawn() throws IOException {
        return children.start(ChildProcesses.java(List.of(), CrashStepMain.class, home.root().toString()));
    }

    /** Waits until {@code child}'s JVM has started (it says ready or ends), then gives it {@code command}. */
    private Process start(Process child, Command command) throws IOException, InterruptedException {
        CrashChild.send(child, command.args());
        return child;
    }

    private Map<PackageId, Optional<String>> recorded() {
        Map<PackageId, Optional<String>> ids = new TreeMap<>();
        StateStore.read(home).packages().forEach(p -> ids.put(p.id(), p.digest()));
        return ids;
    }

    /** {@code verify}, then this test's own check of state.json against the disk. */
    private void assertConsistent(String where) throws IOException {
        VerifyReport report = new LocalInstaller(home, settings).verify(List.of());
        assertTrue(report.ok(), () -> where + ": verify failed: " + report);
        State state = StateStore.read(home);
        Path installDir = settings.installDir();
        for (StatePackage p : state.packages()) {
            Path expected = installDir.resolve(p.name().toString()).resolve(p.version().toString());
            assertEquals(expected, p.installPath(), where);
            Map<String, String> onDisk = FileTree.describe(p.installPath());
            Map<String, String> recorded = new TreeMap<>();
            for (StateFileEntry e : p.files()) {
                if (e instanceof StateFileEntry.Regular r) {
                    recorded.put(r.path(), "file " + r.size() + " " + r.sha256());
                } else if (e instanceof StateFileEntry.Directory d) {
                    recorded.put(d.path(), "dir");
                } else if (e instanceof StateFileEntry.Symlink s) {
                    recorded.put(s.path(), "link " + s.target());
                } else {
                    throw new AssertionError(e);
                }
            }
            // Directories the state does not list are implied by its files; compare files and links.
            recorded.values().removeIf("dir"::equals);
            assertEquals(recorded, onDisk, where + ": " + p.id() + " on disk is not as recorded");
        }
        for (String name : InstallerContract.list(installDir)) {
            Path nameDir = installDir.resolve(name);
            if (!Files.isDirectory(nameDir, LinkOption.NOFOLLOW_LINKS)) {
                continue; // a marker file, not a package
            }
            assertTrue(!name.startsWith("."), where + ": a staging directory is left: " + nameDir);
            for (String version : InstallerContract.list(nameDir)) {
                Path path = nameDir.resolve(version);
                assertTrue(state.packages().stream().anyMatch(p -> p.installPath().equals(path)),
                        where + ": a package directory not in state.json: " + path);
            }
        }
        assertEquals(List.of(), InstallerContract.list(home.tmpDir()), where + ": left in " + home.tmpDir());
    }
}
