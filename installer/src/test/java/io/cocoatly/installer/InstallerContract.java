package io.cocoatly.installer;

import io.cocoatly.testkit.FileServer;

import io.cocoatly.testkit.TestRegistry;

import io.cocoatly.config.Home;
import io.cocoatly.config.ConfigReader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockfileDiffText;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Installer} must do, run against each implementation: real signed tarballs from
 * a real loopback HTTP server (or {@code file:} URLs), real files on disk, the home configured
 * through {@code config.json}.
 */
abstract class InstallerContract {

    @TempDir
    Path dir;

    TestRegistry registry;
    Home home;
    Installer installer;
    FileServer server;

    /** The implementation under test, for the installation {@code home} configured by its config.json. */
    abstract Installer installer(Home home, InstallSettings settings);

    @BeforeEach
    void setUp() throws IOException {
        registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        registry.add("c", "1.0.0");
        registry.add("b", "1.0.0", "c@1.0.0");
        registry.add("b", "2.0.0", "c@1.0.0");
        registry.add("a", "1.2.0", Map.of("bin/a", "#!/bin/sh\necho a\n", "README", "a\n"), "b@1.0.0");
        registry.add("d", "0.1.0");
        home = new Home(dir.resolve("home")).create();
        writeConfig("{\"security\": {\"trusted_keys\": [\"" + registry.key().publicKey().base64() + "\"]},"
                + " \"network\": {\"retries\": 0}}");
        server = FileServer.of(registry.root());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    void writeConfig(String json) throws IOException {
        Files.writeString(home.configFile(), json);
        installer = installer(home, InstallSettings.from(ConfigReader.read(home)));
    }

    InstallRequest request(String... ids) {
        return new InstallRequest(registry.lockfile(ids), Optional.of(server.uri()));
    }

    Path installed(String name, String version) {
        return home.packagesDir().resolve(name).resolve(version);
    }

    @Test
    void installsALockfileFromAnHttpRegistryAndRecordsIt() throws IOException {
        InstallOutcome outcome = installer.apply(request("a@1.2.0", "b@1.0.0", "c@1.0.0"), InstallListener.NONE);

        assertEquals("+ a 1.2.0\n+ b 1.0.0\n+ c 1.0.0\n", LockfileDiffText.render(outcome.plan().diff()));
        assertEquals(List.of(PackageId.of("a", "1.2.0"), PackageId.of("b", "1.0.0"), PackageId.of("c", "1.0.0")),
                installer.state().ids());
        assertEquals("#!/bin/sh\necho a\n", Files.readString(installed("a", "1.2.0").resolve("bin/a")));
        assertEquals("c 1.0.0\n", Files.readString(installed("c", "1.0.0").resolve("c.txt")));
        StatePackage a = installer.state().find(PackageId.of("a", "1.2.0")).orElseThrow();
        assertEquals(List.of(PackageId.of("b", "1.0.0")), a.dependencies());
        assertEquals(installed("a", "1.2.0"), a.installPath());
        assertEquals(Optional.of(InstallPlanner.digest(registry.get("a@1.2.0").artifact().get())), a.digest());
        assertEquals(List.of("README", "bin", "bin/a"), a.files().stream().map(StateFileEntry::path).toList());
        assertEquals(List.of(), stagingLeftovers());
    }

    @Test
    void aSecondInstallOfTheSameLockfileIsANoOp() {
        installer.apply(request("c@1.0.0", "d@0.1.0"), InstallListener.NONE);
        int served = server.requests();

        InstallPlan plan = installer.plan(request("c@1.0.0", "d@0.1.0"));
        InstallOutcome again = installer.apply(request("c@1.0.0", "d@0.1.0"), InstallListener.NONE);

        assertTrue(plan.isNoOp());
        assertTrue(again.plan().isNoOp());
        assertEquals(List.of(PlannedPackage.Action.KEEP, PlannedPackage.Action.KEEP),
                again.plan().packages().stream().map(PlannedPackage::action).toList());
        assertEquals(served, server.requests());
    }

    @Test
    void upgradesAndRemovalsReplaceOldVersionsAfterTheCommit() {
        installer.apply(request("b@1.0.0", "c@1.0.0", "d@0.1.0"), InstallListener.NONE);

        InstallOutcome outcome = installer.apply(request("b@2.0.0", "c@1.0.0"), InstallListener.NONE);

        assertEquals("~ b 1.0.0 -> 2.0.0\n- d 0.1.0\n", LockfileDiffText.render(outcome.plan().diff()));
        assertEquals(List.of(PackageId.of("b", "2.0.0"), PackageId.of("c", "1.0.0")), installer.state().ids());
        assertFalse(Files.exists(installed("b", "1.0.0")));
        assertFalse(Files.exists(home.packagesDir().resolve("d")));
        assertTrue(Files.isRegularFile(installed("b", "2.0.0").resolve("b.txt")));
    }

    @Test
    void artifactsComeFromTheCacheTheSecondTime() {
        installer.apply(request("c@1.0.0"), InstallListener.NONE);
        installer.apply(request("d@0.1.0"), InstallListener.NONE);
        int served = server.requests();

        InstallPlan plan = installer.plan(request("c@1.0.0"));
        InstallOutcome outcome = installer.apply(request("c@1.0.0"), InstallListener.NONE);

        assertEquals(PlannedPackage.Fetch.CACHE, plan.find(PackageId.of("c", "1.0.0")).orElseThrow().fetch());
        assertEquals(List.of(), outcome.downloaded());
        assertEquals(served, server.requests());
    }

    @Test
    void installsFromADirectoryRegistryThroughFileUrls() throws IOException {
        InstallRequest request = new InstallRequest(registry.lockfile("c@1.0.0"), Optional.of(registry.root().toUri()));

        installer.apply(request, InstallListener.NONE);

        assertEquals("c 1.0.0\n", Files.readString(installed("c", "1.0.0").resolve("c.txt")));
        assertEquals(0, server.requests());
    }

    @Test
    void aTamperedArtifactIsRefusedAndNothingChanges() throws IOException {
        installer.apply(request("d@0.1.0"), InstallListener.NONE);
        byte[] before = Files.readAllBytes(home.stateFile());
        registry.tamper("b@1.0.0");

        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> installer.apply(request("a@1.2.0", "b@1.0.0", "c@1.0.0"), InstallListener.NONE));

        assertEquals("checksum-mismatch", e.code());
        assertTrue(e.getMessage().contains("b@1.0.0"), e.getMessage());
        assertUnchanged(before);
    }

    @Test
    void aBadSignatureIsRefusedAndNothingChanges() throws IOException {
        installer.apply(request("d@0.1.0"), InstallListener.NONE);
        byte[] before = Files.readAllBytes(home.stateFile());
        // c's signature attached to d: valid bytes, a signature over another name.
        var c = registry.get("c@1.0.0");
        var d = registry.get("d@0.1.0");
        var forged = new io.cocoatly.lockfile.LockedPackage(c.id(), c.source(), Optional.of(new io.cocoatly.model.Artifact(
                c.artifact().get().url(), c.artifact().get().size(), c.artifact().get().checksums(),
                d.artifact().get().signature())), List.of());

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> installer.apply(new InstallRequest(
                TestRegistry.lockfile(List.of(forged)), Optional.of(server.uri())), InstallListener.NONE));

        assertEquals("bad-signature", e.code());
        assertTrue(e.getMessage().contains("c@1.0.0"), e.getMessage());
        assertUnchanged(before);
    }

    @Test
    void aSignatureByAnUnknownKeyIsRefused() throws IOException {
        TestRegistry stranger = new TestRegistry(dir.resolve("stranger"), TestRegistry.newKey(dir.resolve("keys2")));
        stranger.add("e", "1.0.0");

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> installer.apply(new InstallRequest(
                stranger.lockfile("e@1.0.0"), Optional.of(stranger.root().toUri())), InstallListener.NONE));

        assertEquals("unknown-signing-key", e.code());
        assertTrue(e.getMessage().contains("e@1.0.0"), e.getMessage());
        assertFalse(Files.exists(home.stateFile()));
        assertFalse(Files.exists(installed("e", "1.0.0")));
    }

    @Test
    void verifyReportsChangedMissingAndExtraFiles() throws IOException {
        installer.apply(request("a@1.2.0", "b@1.0.0", "c@1.0.0"), InstallListener.NONE);
        assertTrue(installer.verify(List.of()).ok());

        Files.writeString(installed("a", "1.2.0").resolve("bin/a"), "#!/bin/sh\nrm -rf ~\n");
        Files.delete(installed("a", "1.2.0").resolve("README"));
        Files.writeString(installed("c", "1.0.0").resolve("lib/extra.so"), "dropped in");

        VerifyReport report = installer.verify(List.of());
        assertFalse(report.ok());
        assertEquals(List.of(
                new VerifyReport.PackageCheck(PackageId.of("a", "1.2.0"), List.of("bin/a"), List.of("README"), List.of()),
                new VerifyReport.PackageCheck(PackageId.of("b", "1.0.0"), List.of(), List.of(), List.of()),
                new VerifyReport.PackageCheck(PackageId.of("c", "1.0.0"), List.of(), List.of(), List.of("lib/extra.so"))),
                report.packages());
        assertEquals(List.of(PackageId.of("b", "1.0.0")),
                installer.verify(List.of(PackageName.of("b"))).packages().stream().map(VerifyReport.PackageCheck::id).toList());
    }

    @Test
    void uninstallRefusesAPackageOthersNeedUnlessForced() {
        installer.apply(request("a@1.2.0", "b@1.0.0", "c@1.0.0"), InstallListener.NONE);

        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> installer.uninstall(List.of(PackageName.of("c")), false, InstallListener.NONE));
        assertEquals("has-dependents", e.code());
        assertTrue(e.getMessage().contains("`b@1.0.0` needs `c@1.0.0`"), e.getMessage());
        assertTrue(Files.isDirectory(installed("c", "1.0.0")));

        UninstallOutcome forced = installer.uninstall(List.of(PackageName.of("c")), true, InstallListener.NONE);
        assertEquals(List.of(PackageId.of("c", "1.0.0")), forced.removed());
        assertEquals(List.of(PackageId.of("b", "1.0.0")), forced.dependents());
        assertFalse(Files.exists(home.packagesDir().resolve("c")));
        assertEquals(List.of(PackageId.of("a", "1.2.0"), PackageId.of("b", "1.0.0")), installer.state().ids());
    }

    @Test
    void uninstallRemovesOnlyRecordedFilesAndRefusesUnknownNames() throws IOException {
        installer.apply(request("a@1.2.0", "b@1.0.0", "c@1.0.0"), InstallListener.NONE);
        Files.writeString(installed("a", "1.2.0").resolve("notes.txt"), "mine");

        installer.uninstall(List.of(PackageName.of("a")), false, InstallListener.NONE);

        assertEquals(List.of("notes.txt"), list(installed("a", "1.2.0")));
        assertEquals(List.of(PackageId.of("b", "1.0.0"), PackageId.of("c", "1.0.0")), installer.state().ids());
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> installer.uninstall(List.of(PackageName.of("zzz")), false, InstallListener.NONE));
        assertEquals("not-installed", e.code());
        assertEquals("`zzz` is not installed", e.getMessage());
    }

    @Test
    void uninstallRemovesWhatOnlyTheRemovedPackageNeededUnlessRequested() {
        installer.apply(request("a@1.2.0", "b@1.0.0", "c@1.0.0", "d@0.1.0"), InstallListener.NONE);
        UninstallRequest keepingB = new UninstallRequest(Set.of(PackageName.of("a")), false,
                Optional.of(Set.of(PackageName.of("b"), PackageName.of("d"))));
        UninstallRequest orphaning = new UninstallRequest(Set.of(PackageName.of("a")), false,
                Optional.of(Set.of(PackageName.of("d"))));

        UninstallPlan kept = installer.planUninstall(keepingB);
        UninstallPlan planned = installer.planUninstall(orphaning);
        assertEquals(List.of(), kept.orphans(), "b was requested, and c is what b needs");
        assertEquals(List.of(PackageId.of("b", "1.0.0"), PackageId.of("c", "1.0.0")),
                planned.orphans().stream().map(StatePackage::id).toList());
        assertEquals(4, installer.state().packages().size(), "planning changes nothing");
        assertTrue(Files.isDirectory(installed("b", "1.0.0")));

        UninstallOutcome outcome = installer.uninstall(state -> orphaning, CommitHook.NONE, InstallListener.NONE);
        assertEquals(List.of(PackageId.of("a", "1.2.0")), outcome.removed());
        assertEquals(List.of(PackageId.of("b", "1.0.0"), PackageId.of("c", "1.0.0")), outcome.orphans());
        assertEquals(List.of(PackageId.of("d", "0.1.0")), installer.state().ids());
        assertFalse(Files.exists(installed("b", "1.0.0").resolve("b.txt")));
        assertFalse(Files.exists(installed("c", "1.0.0").resolve("c.txt")));
    }

    @Test
    void withoutRequestedPackagesUninstallLeavesOrphans() {
        installer.apply(request("a@1.2.0", "b@1.0.0", "c@1.0.0"), InstallListener.NONE);

        UninstallOutcome outcome = installer.uninstall(state -> UninstallRequest.of(Set.of(PackageName.of("a")), false),
                CommitHook.NONE, InstallListener.NONE);

        assertEquals(List.of(), outcome.orphans());
        assertEquals(List.of(PackageId.of("b", "1.0.0"), PackageId.of("c", "1.0.0")), installer.state().ids());
    }

    private void assertUnchanged(byte[] stateBefore) throws IOException {
        assertArrayEquals(stateBefore, Files.readAllBytes(home.stateFile()));
        assertEquals(List.of(HomeRecovery.INSTALL_DIR_MARKER, "d"), list(home.packagesDir()));
        assertEquals(List.of(), stagingLeftovers());
    }

    List<String> stagingLeftovers() throws IOException {
        return list(home.packagesDir()).stream().filter(n -> n.startsWith(HomeRecovery.STAGING_PREFIX)
                && !n.equals(HomeRecovery.INSTALL_DIR_MARKER)).toList();
    }

    /** Records what a {@link CommitHook} hears, in order. */
    static final class RecordingHook implements CommitHook {
        final List<String> events = new java.util.ArrayList<>();

        @Override
        public void locked(State current) {
            events.add("locked " + current.ids());
        }

        @Override
        public void beforeCommit(List<PackageId> next) {
            events.add("beforeCommit " + next);
        }

        @Override
        public void committed(State committed) {
            events.add("committed " + committed.ids());
        }
    }

    @Test
    void decideSeesTheCurrentStateAndTheHookRunsAroundTheCommit() {
        installer.apply(request("d@0.1.0"), InstallListener.NONE);
        RecordingHook hook = new RecordingHook();
        List<String> seen = new java.util.ArrayList<>();

        installer.apply(state -> {
            seen.add("decide " + state.ids());
            return request("c@1.0.0", "d@0.1.0");
        }, hook, InstallListener.NONE);

        assertEquals(List.of("decide [d@0.1.0]"), seen);
        assertEquals(List.of("locked [d@0.1.0]", "beforeCommit [c@1.0.0, d@0.1.0]", "committed [c@1.0.0, d@0.1.0]"),
                hook.events);
    }

    @Test
    void aHookThatThrowsBeforeTheCommitChangesNothing() {
        installer.apply(request("d@0.1.0"), InstallListener.NONE);
        CommitHook refusing = new CommitHook() {
            @Override
            public void beforeCommit(List<PackageId> next) {
                throw new IllegalStateException("refused");
            }
        };

        assertThrows(IllegalStateException.class, () -> installer.apply(state -> request("c@1.0.0"), refusing,
                InstallListener.NONE));
        assertThrows(IllegalStateException.class, () -> installer.uninstall(List.of(PackageName.of("d")), false, refusing,
                InstallListener.NONE));
        assertEquals(List.of(PackageId.of("d", "0.1.0")), installer.state().ids());
    }

    @Test
    void uninstallCallsTheHookAroundItsCommit() {
        installer.apply(request("c@1.0.0", "d@0.1.0"), InstallListener.NONE);
        RecordingHook hook = new RecordingHook();

        installer.uninstall(List.of(PackageName.of("d")), false, hook, InstallListener.NONE);

        assertEquals(List.of("locked [c@1.0.0, d@0.1.0]", "beforeCommit [c@1.0.0]", "committed [c@1.0.0]"), hook.events);
    }

    /** Records the lifecycle positions the installer reaches, and refuses or reports when told to. */
    static final class RecordingLifecycle implements Lifecycle {
        final List<String> calls = new java.util.ArrayList<>();
        final List<String> stagedProblems = new java.util.ArrayList<>();
        RuntimeException refuseInstall;
        RuntimeException refuseUninstall;
        List<String> problemsAfter = List.of();

        private static List<PackageId> ids(List<StatePackage> packages) {
            return packages.stream().map(StatePackage::id).toList();
        }

        @Override
        public void beforeInstall(InstallPlan plan, Map<PackageId, Path> staged) {
            List<PackageId> changes = plan.changes().stream().map(PlannedPackage::id).sorted().toList();
            calls.add("beforeInstall " + changes + " removals " + ids(plan.removals()));
            // An external installer stages in its own process and has nothing to show; the built-in
            // one shows every changing package unpacked, not yet in place.
            if (!staged.isEmpty() && !staged.keySet().equals(Set.copyOf(changes))) {
                stagedProblems.add("staged " + staged.keySet() + " for " + changes);
            }
            staged.forEach((id, path) -> {
                if (!Files.isDirectory(path) || path.endsWith(id.version().toString())) {
                    stagedProblems.add(id + " not staged apart: " + path);
                }
            });
            if (refuseInstall != null) {
                throw refuseInstall;
            }
        }

        @Override
        public List<String> afterInstall(InstallPlan plan, State committed) {
            calls.add("afterInstall " + plan.changes().stream().map(PlannedPackage::id).sorted().toList() + " removals "
                    + ids(plan.removals()) + " committed " + committed.ids());
            return problemsAfter;
        }

        @Override
        public void beforeUninstall(UninstallPlan plan) {
            calls.add("beforeUninstall " + ids(plan.gone()));
            if (refuseUninstall != null) {
                throw refuseUninstall;
            }
        }

        @Override
        public List<String> afterUninstall(UninstallPlan plan, State committed) {
            calls.add("afterUninstall " + ids(plan.gone()) + " committed " + committed.ids());
            return problemsAfter;
        }
    }

    private RecordingLifecycle withLifecycle() throws IOException {
        RecordingLifecycle lifecycle = new RecordingLifecycle();
        installer = installer(home, InstallSettings.from(ConfigReader.read(home)).withLifecycle(lifecycle));
        return lifecycle;
    }

    @Test
    void eachLifecyclePositionIsCalledOnceWithThePlanAndANoOpCallsNone() throws IOException {
        RecordingLifecycle lifecycle = withLifecycle();

        installer.apply(request("b@1.0.0", "c@1.0.0", "d@0.1.0"), InstallListener.NONE);
        installer.apply(request("b@1.0.0", "c@1.0.0", "d@0.1.0"), InstallListener.NONE);
        installer.apply(request("b@2.0.0", "c@1.0.0"), InstallListener.NONE);
        installer.uninstall(List.of(PackageName.of("b")), false, InstallListener.NONE);

        assertEquals(List.of(
                "beforeInstall [b@1.0.0, c@1.0.0, d@0.1.0] removals []",
                "afterInstall [b@1.0.0, c@1.0.0, d@0.1.0] removals [] committed [b@1.0.0, c@1.0.0, d@0.1.0]",
                "beforeInstall [b@2.0.0] removals [b@1.0.0, d@0.1.0]",
                "afterInstall [b@2.0.0] removals [b@1.0.0, d@0.1.0] committed [b@2.0.0, c@1.0.0]",
                "beforeUninstall [b@2.0.0]",
                "afterUninstall [b@2.0.0] committed [c@1.0.0]"), lifecycle.calls);
        assertEquals(List.of(), lifecycle.stagedProblems);
    }

    @Test
    void aThrowingBeforeInstallVetoesWithNothingChanged() throws IOException {
        RecordingLifecycle lifecycle = withLifecycle();
        installer.apply(request("d@0.1.0"), InstallListener.NONE);
        byte[] before = Files.readAllBytes(home.stateFile());
        lifecycle.refuseInstall = new CocoatlyException(io.cocoatly.model.ErrorKind.FAILED, "vetoed", "no", List.of());

        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> installer.apply(request("a@1.2.0", "b@1.0.0", "c@1.0.0", "d@0.1.0"), InstallListener.NONE));

        assertEquals("vetoed", e.code());
        assertUnchanged(before);
        assertFalse(lifecycle.calls.stream().anyMatch(c -> c.startsWith("afterInstall [a@1.2.0")), lifecycle.calls.toString());
    }

    @Test
    void aThrowingBeforeUninstallVetoesWithNothingChanged() throws IOException {
        RecordingLifecycle lifecycle = withLifecycle();
        installer.apply(request("d@0.1.0"), InstallListener.NONE);
        byte[] before = Files.readAllBytes(home.stateFile());
        lifecycle.refuseUninstall = new IllegalStateException("keep it");

        assertThrows(IllegalStateException.class,
                () -> installer.uninstall(List.of(PackageName.of("d")), false, InstallListener.NONE));

        assertUnchanged(before);
        assertTrue(Files.isRegularFile(installed("d", "0.1.0").resolve("d.txt")));
        assertEquals("beforeUninstall [d@0.1.0]", lifecycle.calls.get(lifecycle.calls.size() - 1));
    }

    @Test
    void problemsAfterTheChangeAreWarningsAndTheChangeStands() throws IOException {
        RecordingLifecycle lifecycle = withLifecycle();
        lifecycle.problemsAfter = List.of("plugin `x` failed");
        List<String> warnings = new java.util.ArrayList<>();
        InstallListener listener = new InstallListener() {
            @Override
            public void hookFailed(String problem) {
                warnings.add(problem);
            }
        };

        installer.apply(request("c@1.0.0"), listener);
        installer.uninstall(List.of(PackageName.of("c")), false, listener);

        assertEquals(List.of("plugin `x` failed", "plugin `x` failed"), warnings);
        assertEquals(List.of(), installer.state().ids());
        assertFalse(Files.exists(installed("c", "1.0.0").resolve("c.txt")));
    }

    static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
