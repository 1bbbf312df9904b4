package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.ChildProcesses;
import io.cocoatly.testkit.CrashChild;
import io.cocoatly.testkit.FileTree;
import io.cocoatly.testkit.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded crash loop over the global installation: random global {@code install NAME},
 * {@code install NAME@VERSION} (another version), {@code uninstall NAME} and reinstalls of other
 * bytes (an install from a second registry holding the same versions, rebuilt) run as real
 * {@code cocoatly} processes ({@link Main}, through {@link GlobalCrashStepMain}) on one scratch home,
 * and SIGKILLed at random moments. After each kill the next command runs to its end (in this JVM)
 * and must succeed; after every command, {@code verify --global} passes and {@link GlobalHomeCheck},
 * written without the code under test, finds the home consistent. A finished command must leave
 * exactly the installation it was asked for ({@link GlobalModel}); a killed one the installation
 * before it or the one it was making, never a mix.
 *
 * <p>Where each kill landed is classified (before the lock, under it before the commit, with its
 * journal written, after the commit) and logged; a minimum under the lock is asserted so that the
 * loop is known to reach the window that matters. The delays are random from a fixed seed, printed
 * in every failure; {@code -Dcocoatly.crashloop.seed=N} tries another. Bounded: 24 kills, or 20 once
 * 20 s have passed, and never more than 100 commands.
 */
class GlobalCrashLoopTest {

    private static final int KILLS = 24;
    private static final int MIN_KILLS = 20;
    private static final int MIN_UNDER_LOCK = 6;
    private static final int MAX_COMMANDS = 100;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dir;

    private final List<Path> registries = new ArrayList<>();
    private final Map<String, String> digests = new TreeMap<>();
    private Path home;
    private Map<String, String> environment;
    private CliRunner cli;
    private GlobalHomeCheck check;
    private ChildProcesses children;

    @BeforeEach
    void setUp() throws IOException {
        children = new ChildProcesses(dir);
        InstallFixture fixture = InstallFixture.in(dir);
        // The second registry has the same versions with other bytes, signed with the same key: an
        // install from it reinstalls every installed package.
        for (int r = 0; r < 2; r++) {
            TestRegistry registry = r == 0 ? fixture.registry()
                    : TestRegistry.indexed(dir.resolve("rebuilt"), fixture.registry().key(), "local");
            Path root = registry.root();
            for (String name : GlobalModel.NAMES) {
                for (String version : GlobalModel.VERSIONS) {
                    registry.add(name, version, Map.of(name + ".txt", name + " " + version + (r == 0 ? "\n" : ", rebuilt\n"),
                            "lib/" + name + ".so", "binary of " + name + "@" + version + " " + "x".repeat(r * 200 + 1)));
                    byte[] artifact = Files.readAllBytes(root.resolve("artifacts/" + name + "-" + version + ".tar.gz"));
                    digests.put(r + " " + name + "@" + version, "sha256:" + FileTree.sha256(artifact));
                }
            }
            registries.add(root);
        }
        home = fixture.home();
        environment = fixture.env();
        Files.createDirectories(dir.resolve("work"));
        cli = new CliRunner(dir.resolve("work"), environment);
        check = new GlobalHomeCheck(home);
    }

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    @Test
    void killedGlobalInstallsUninstallsAndReinstallsLeaveAConsistentHome() throws Exception {
        long seed = Long.getLong("cocoatly.crashloop.seed", 20L);
        Random random = new Random(seed);
        GlobalModel now = GlobalModel.EMPTY;
        KillLog kills = new KillLog();
        List<String> log = new ArrayList<>();
        long start = System.nanoTime();
        // The first command runs to its end; its length (on this machine, under its load) sets the
        // first range of the random delays, which then follows the machine: its end moves out after a
        // kill before the lock and in after a command that ended; its start moves up to the delays
        // that landed before the lock, so that most kills land in the command's work under it.
        Process spare = spawn();
        GlobalModel.Command first = now.install("a", "", 0, registries.get(0));
        long began = System.nanoTime();
        Process p0 = start(spare, first);
        spare = spawn();
        assertTrue(p0.waitFor(120, TimeUnit.SECONDS), "seed " + seed + ": the first install did not end");
        assertEquals(0, p0.exitValue(), () -> children.log(p0));
        double span = Math.max(100, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        double early = 0;
        now = first.target();
        assertHome(now, "seed " + seed + ", first install");
        int commands = 1;
        while (kills.total() < KILLS && commands < MAX_COMMANDS
                && (System.nanoTime() - start < BUDGET_NANOS || kills.total() < MIN_KILLS)) {
            GlobalModel.Command command = now.next(random, registries, digests);
            int delay = (int) early + random.nextInt((int) (span - early));
            String where = "seed " + seed + ", command " + commands + " (" + command.label() + ", killed after " + delay
                    + " ms unless done); earlier: " + log;
            log.add(command.label());
            Process p = start(spare, command);
            spare = spawn();
            boolean done = p.waitFor(delay, TimeUnit.MILLISECONDS);
            commands++;
            if (done) {
                assertEquals(0, p.exitValue(), () -> where + ": " + children.log(p));
                now = command.target();
                assertHome(now, where);
                span = Math.max(100, span * 0.85);
                early = Math.min(early * 0.85, span * 0.7);
                continue;
            }
            boolean held = holdsLock(p.pid());
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), where);
            boolean journal = Files.exists(home.resolve("global-journal.json"));
            boolean committed = check.installed().equals(command.target().state(digests));
            GlobalModel recovered = afterKill(now, command, committed, where);
            String landed = kills.add(held, journal, committed);
            log.set(log.size() - 1, command.label() + " (killed " + landed + ")");
            if (landed.equals(KillLog.BEFORE_LOCK)) {
                span = Math.min(10_000, span * 1.15);
                early = Math.min(Math.max(early, delay * 0.9), span * 0.7);
            }
            // The next command, run to its end: it recovers under the lock, then does its own change.
            GlobalModel.Command next = recovered.next(random, registries, digests);
            log.add(next.label() + " (to its end)");
            CliRunner.Result r = cli.run(next.args().toArray(String[]::new));
            assertEquals(0, r.exitCode(), () -> where + ", then " + next.label() + ": " + r.out() + r.err());
            now = next.target();
            assertHome(now, where + ", then " + next.label());
            commands++;
        }
        spare.getOutputStream().close();
        spare.waitFor(30, TimeUnit.SECONDS);
        System.out.println("global crash loop (seed " + seed + ", delays " + (int) early + "-" + (int) span + " ms at the end, "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms): " + commands + " commands, " + kills
                + ": " + log);
        assertTrue(kills.total() >= MIN_KILLS, "seed " + seed + ": only " + kills + " in " + commands + " commands");
        assertTrue(kills.underLock() >= MIN_UNDER_LOCK, "seed " + seed + ": too few kills under the lock: " + kills);
    }

    /**
     * What the home must hold once the next command has recovered after {@code command} was
     * killed: the state before it or the one it was making, nothing else; and the requirements that
     * go with that state, or the new ones if a journal whose packages the state records is left
     * (a reinstall keeps the same packages, and completing its journal is right either way,
     * {@code docs/config.md}).
     */
    private GlobalModel afterKill(GlobalModel before, GlobalModel.Command command, boolean committed, String where)
            throws IOException {
        var state = check.installed();
        if (!committed) {
            assertEquals(before.state(digests), state, where + ": state.json is neither the state before nor the one being made");
        }
        Path journal = home.resolve("global-journal.json");
        boolean completes = Files.exists(journal) && GlobalHomeCheck.journalPackages(journal).equals(GlobalHomeCheck.ids(state));
        if (committed || completes) {
            return new GlobalModel(committed ? command.target().installed() : before.installed(),
                    committed ? command.target().registry() : before.registry(), command.target().required(),
                    command.target().locked());
        }
        return before;
    }

    /** Where the kills landed, counted. */
    private static final class KillLog {

        static final String BEFORE_LOCK = "before the lock";
        private final Map<String, Integer> counts = new TreeMap<>();

        /**
         * Counts one kill and says where it landed: after the commit ({@code state.json} is the new
         * state; with the journal left if {@code global.json} was not written yet), with the journal
         * written but before the commit, holding the lock before either, or before the lock.
         */
        String add(boolean held, boolean journal, boolean committed) {
            String where = committed ? (journal ? "after the commit, journal left" : "after the commit")
                    : journal ? "journaled, before the commit" : held ? "under the lock, before the commit" : BEFORE_LOCK;
            counts.merge(where, 1, Integer::sum);
            return where;
        }

        int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        int underLock() {
            return total() - counts.getOrDefault(BEFORE_LOCK, 0);
        }

        @Override
        public String toString() {
            return total() + " killed " + counts;
        }
    }

    /** verify --global, the independent check, and what {@code expected} says is installed and required. */
    private void assertHome(GlobalModel expected, String where) throws IOException {
        assertEquals(List.of(), check.problems(), where + ": the home is not consistent");
        assertEquals(expected.state(digests), check.installed(), where + ": state.json");
        assertEquals(expected.required(), check.required(), where + ": global.json");
        assertEquals(expected.locked(), check.locked(), where + ": global-lock.json");
        CliRunner.Result verify = cli.run("verify", "--global");
        assertEquals(0, verify.exitCode(), () -> where + ": verify failed: " + verify.out() + verify.err());
    }

    /**
     * Whether process {@code pid} holds a POSIX lock on the home's lock file, read from
     * {@code /proc/locks} (as {@code lslocks} does), which needs no lock of this process and so
     * cannot disturb the child.
     */
    private boolean holdsLock(long pid) throws IOException {
        Path locks = Path.of("/proc/locks");
        Path lockFile = home.resolve("cocoatly.lock");
        if (!Files.isReadable(locks) || !Files.exists(lockFile)) {
            return false;
        }
        String inode = ":" + Files.getAttribute(lockFile, "unix:ino");
        for (String line : Files.readAllLines(locks)) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 5 && f[4].equals(Long.toString(pid)) && f[5].endsWith(inode)) {
                return true;
            }
        }
        return false;
    }

    /** Starts a child that waits for its command. */
    private Process spawn() throws IOException {
        ProcessBuilder builder = ChildProcesses.java(List.of(), GlobalCrashStepMain.class)
                .directory(dir.resolve("work").toFile());
        builder.environment().putAll(environment);
        return children.start(builder);
    }

    /** Waits until {@code child}'s JVM has started, then gives it {@code command}. */
    private static Process start(Process child, GlobalModel.Command command) throws IOException, InterruptedException {
        CrashChild.send(child, command.args());
        return child;
    }
}
