package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cocoatly.config.Home;
import io.cocoatly.installer.StateStore;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.project.GlobalManifest;
import io.cocoatly.testkit.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Global installs and uninstalls in real separate {@code cocoatly} processes (the CLI's
 * {@link Main} in a child JVM with this test's class path, as {@code bin/cocoatly} runs it): run
 * at once they neither lose nor undo each other's changes, and a run halted right after its commit
 * leaves a home the next command completes. After every command {@code global.json} names exactly
 * the installed packages (they have no dependencies here, so each is a requirement).
 */
class GlobalInstallProcessTest {

    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f", "g", "h");

    @TempDir
    Path dir;

    private Path home;
    private Map<String, String> environment;
    private CliRunner cli;
    private ChildProcesses processes;

    @BeforeEach
    void setUp() throws IOException {
        processes = new ChildProcesses(dir);
        InstallFixture fixture = InstallFixture.in(dir);
        for (String name : NAMES) {
            fixture.registry().add(name, "1.0.0", Map.of(name + ".txt", name + "\n"));
        }
        home = fixture.home();
        environment = fixture.env();
        environment.put("COCOATLY_REGISTRY", fixture.registryDir().toString());
        Files.createDirectories(dir.resolve("work"));
        cli = new CliRunner(dir.resolve("work"), environment);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        processes.close();
    }

    /** Starts {@code cocoatly args...} in a child JVM; {@code properties} are passed as {@code -D}. */
    private Process start(List<String> properties, String... args) throws IOException {
        ProcessBuilder builder = ChildProcesses.java(properties, Main.class, args).directory(dir.resolve("work").toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        return processes.start(builder);
    }

    private int finish(Process p) throws Exception {
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "a cocoatly process did not finish");
        return p.exitValue();
    }

    private Set<String> installed() {
        Set<String> names = new TreeSet<>();
        StateStore.read(new Home(home)).ids().forEach(id -> names.add(id.name().value()));
        return names;
    }

    private Set<String> required() {
        Set<String> names = new TreeSet<>();
        GlobalManifest.read(home).dependencies().stream().map(Dependency::name).forEach(n -> names.add(n.value()));
        return names;
    }

    /** global.json names what state.json records, nothing of an interrupted change is left, and verify passes. */
    private void assertConsistent() throws IOException {
        assertEquals(installed(), required(), "global.json and state.json disagree");
        assertFalse(Files.exists(home.resolve(GlobalManifest.JOURNAL_NAME)), "a journal is left over");
        try (var entries = Files.list(home)) {
            List<String> temps = entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertEquals(List.of(), temps, "temp files are left over");
        }
        CliRunner.Result verify = cli.run("verify", "--global");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    }

    @Test
    void eightConcurrentGlobalInstallsAllEndInstalled() throws Exception {
        List<Process> started = new ArrayList<>();
        for (String name : NAMES) {
            started.add(start(List.of(), "install", name, "--quiet"));
        }
        for (Process p : started) {
            assertEquals(0, finish(p), () -> processes.log(p));
        }

        assertEquals(new TreeSet<>(NAMES), installed());
        assertConsistent();
    }

    @Test
    void aGlobalInstallRacingAnUninstallNeverPutsBackWhatItRemoved() throws Exception {
        for (int round = 0; round < 2; round++) {
            assertEquals(0, cli.run("install", "a", "--quiet").exitCode());
            Process install = start(List.of(), "install", NAMES.get(round + 1), "--quiet");
            Process uninstall = start(List.of(), "uninstall", "a", "--quiet");
            assertEquals(0, finish(install), () -> processes.log(install));
            assertEquals(0, finish(uninstall), () -> processes.log(uninstall));

            assertFalse(installed().contains("a"), "round " + round + ": the uninstalled package came back: " + installed());
            assertConsistent();
        }
    }

    @Test
    void anInstallHaltedRightAfterItsCommitIsCompletedByTheNextCommand() throws Exception {
        assertEquals(0, cli.run("install", "a", "--quiet").exitCode());
        Process halted = start(List.of("-D" + GlobalChange.HALT_AFTER_COMMIT + "=true"), "install", "b", "--quiet");
        assertEquals(137, finish(halted), () -> processes.log(halted));
        assertEquals(Set.of("a", "b"), installed(), "the halted install committed");

        CliRunner.Result next = cli.run("install", "c", "--quiet");

        assertEquals(0, next.exitCode(), next.err());
        assertEquals(Set.of("a", "b", "c"), installed(), "the next install kept what the halted one installed");
        assertConsistent();
    }

    @Test
    void anUninstallHaltedRightAfterItsCommitIsCompletedByTheNextCommand() throws Exception {
        assertEquals(0, cli.run("install", "a", "b", "--quiet").exitCode());
        Process halted = start(List.of("-D" + GlobalChange.HALT_AFTER_COMMIT + "=true"), "uninstall", "a", "--quiet");
        assertEquals(137, finish(halted), () -> processes.log(halted));
        assertEquals(Set.of("b"), installed(), "the halted uninstall committed");

        CliRunner.Result next = cli.run("install", "c", "--quiet");

        assertEquals(0, next.exitCode(), next.err());
        assertEquals(Set.of("b", "c"), installed(), "the next install did not bring back what was uninstalled");
        assertConsistent();
    }

    @Test
    void anUninstallFailingWithRemoveFailedStillDropsTheNameFromGlobalJson() throws Exception {
        assertEquals(0, cli.run("install", "a", "b", "--quiet").exitCode());
        Path file = home.resolve("packages/a/1.0.0/a.txt");
        // An immutable file cannot be deleted even by root: the uninstall commits, then fails to remove it.
        assumeTrue(chattr("+i", file), "chattr +i is not available here");
        try {
            CliRunner.Result r = cli.run("uninstall", "a");

            assertEquals(4, r.exitCode(), r.err());
            assertTrue(r.err().contains("remove-failed") || r.err().contains("cannot remove the files of `a@1.0.0`"), r.err());
            assertEquals(Set.of("b"), installed());
            assertEquals(Set.of("b"), required(), "global.json still names the uninstalled package");
        } finally {
            chattr("-i", file);
        }
        assertEquals(0, cli.run("install", "c", "--quiet").exitCode());
        assertEquals(Set.of("b", "c"), installed());
        assertConsistent();
    }

    private static boolean chattr(String flag, Path file) throws Exception {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void tempFilesOfKilledGlobalWritesAreRemovedAndNothingElse() throws Exception {
        // A home in use (marked as Cocoatly's by its first install), then left with a killed run's temps.
        assertEquals(0, cli.run("install", "b", "--quiet").exitCode());
        Files.writeString(home.resolve(".global.json.12345.tmp"), "{");
        Files.writeString(home.resolve(".global-lock.json.678.tmp"), "{");
        Files.writeString(home.resolve(".global.json.keep"), "not ours");

        assertEquals(0, cli.run("install", "a", "--quiet").exitCode());

        assertFalse(Files.exists(home.resolve(".global.json.12345.tmp")));
        assertFalse(Files.exists(home.resolve(".global-lock.json.678.tmp")));
        assertTrue(Files.exists(home.resolve(".global.json.keep")));
        Files.delete(home.resolve(".global.json.keep"));
        assertConsistent();
    }

    @Test
    void aJournalWhoseChangeNeverCommittedIsDiscarded() throws Exception {
        assertEquals(0, cli.run("install", "a", "--quiet").exitCode());
        GlobalManifest.prepare(home, GlobalManifest.with(GlobalManifest.read(home), Dependency.parse("b", "*")),
                java.util.Optional.empty(), List.of(PackageId.of("a", "1.0.0"), PackageId.of("b", "1.0.0")));

        assertEquals(0, cli.run("install", "c", "--quiet").exitCode());

        assertEquals(Set.of("a", "c"), installed());
        assertConsistent();
    }
}
