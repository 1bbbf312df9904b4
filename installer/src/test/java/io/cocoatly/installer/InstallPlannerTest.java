package io.cocoatly.installer;

import io.cocoatly.testkit.TestRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.LockedSource;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileDiffText;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan as data: what is kept, installed, upgraded, reinstalled, removed, and fetched from where. */
class InstallPlannerTest {

    @TempDir
    Path dir;

    private TestRegistry registry;
    private final Optional<URI> root = Optional.of(URI.create("https://registry.example/r/"));

    @BeforeEach
    void setUp() {
        registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        registry.add("a", "1.0.0");
        registry.add("b", "1.0.0");
        registry.add("b", "2.0.0");
        registry.add("c", "1.0.0");
        registry.add("d", "1.0.0");
    }

    private StatePackage installed(String id, String digest) {
        PackageId pid = TestRegistry.parse(id);
        return new StatePackage(pid, "test", Optional.of(digest), dir.resolve("pkgs").resolve(pid.name().value())
                .resolve(pid.version().toString()), List.of(), Instant.EPOCH);
    }

    private String digestOf(String id) {
        return InstallPlanner.digest(registry.get(id).artifact().get());
    }

    @Test
    void eachPackageGetsItsActionAndTheDiffSaysWhatChanges() {
        State state = new State(List.of(installed("a@1.0.0", digestOf("a@1.0.0")), installed("b@1.0.0", digestOf("b@1.0.0")),
                installed("c@1.0.0", "sha256:" + "e".repeat(64)), installed("d@1.0.0", digestOf("d@1.0.0"))));

        InstallPlan plan = InstallPlanner.plan(registry.lockfile("a@1.0.0", "b@2.0.0", "c@1.0.0"), state, root,
                dir.resolve("cache"));

        assertEquals(Map.of("a@1.0.0", PlannedPackage.Action.KEEP, "b@2.0.0", PlannedPackage.Action.UPGRADE,
                "c@1.0.0", PlannedPackage.Action.REINSTALL), actions(plan));
        assertEquals(Optional.of(PackageId.of("b", "1.0.0")), plan.find(PackageId.of("b", "2.0.0")).get().replaces());
        assertEquals(List.of(PackageId.of("b", "1.0.0"), PackageId.of("d", "1.0.0")),
                plan.removals().stream().map(StatePackage::id).toList());
        assertEquals("~ b 1.0.0 -> 2.0.0\n- d 1.0.0\n", LockfileDiffText.render(plan.diff()));
        assertEquals(URI.create("https://registry.example/r/artifacts/b-2.0.0.tar.gz"),
                plan.find(PackageId.of("b", "2.0.0")).get().download().get().url());
        assertEquals(PlannedPackage.Fetch.NONE, plan.find(PackageId.of("a", "1.0.0")).get().fetch());
        assertEquals(registry.get("b@2.0.0").artifact().get().size() + registry.get("c@1.0.0").artifact().get().size(),
                plan.downloadBytes());
    }

    @Test
    void anArtifactAlreadyInTheCacheIsNotDownloaded() throws IOException {
        Artifact a = registry.get("a@1.0.0").artifact().get();
        String sha = a.checksums().get("sha256");
        Path cached = dir.resolve("cache/sha256").resolve(sha.substring(0, 2)).resolve(sha);
        Files.createDirectories(cached.getParent());
        Files.copy(registry.root().resolve(a.url()), cached);

        InstallPlan plan = InstallPlanner.plan(registry.lockfile("a@1.0.0", "c@1.0.0"), State.empty(), root,
                dir.resolve("cache"));

        assertEquals(PlannedPackage.Fetch.CACHE, plan.find(PackageId.of("a", "1.0.0")).get().fetch());
        assertEquals(PlannedPackage.Fetch.DOWNLOAD, plan.find(PackageId.of("c", "1.0.0")).get().fetch());
        assertEquals("+ a 1.0.0\n+ c 1.0.0\n", LockfileDiffText.render(plan.diff()));
        assertTrue(!plan.isNoOp());
    }

    @Test
    void aRelativeUrlWithoutARegistryIsAClearError() {
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> InstallPlanner.plan(
                registry.lockfile("a@1.0.0"), State.empty(), Optional.empty(), dir.resolve("cache")));

        assertEquals("no-registry", e.code());
        assertEquals("`a@1.0.0` has a relative artifact URL and no registry is configured: `artifacts/a-1.0.0.tar.gz`",
                e.getMessage());
        assertEquals("or run `cocoatly lock` to rewrite the lockfile as format 2, which records where every artifact is",
                e.hints().get(1));
    }

    @Test
    void aFormat2LockfileIsFetchedFromItsOwnUrlsWhateverRegistryIsGiven() {
        Lockfile relative = registry.lockfile("a@1.0.0", "b@2.0.0");
        LockedSource source = LockedSource.of("test", registry.root().toUri());
        Lockfile located = Lockfile.of(relative.manifest(), relative.resolver(), List.of(source), relative.packages().stream()
                .map(p -> new LockedPackage(p.id(), source.name(), p.artifact().map(source::locate), p.dependencies()))
                .toList(), relative.installOrder());

        for (Optional<URI> given : List.of(root, Optional.<URI>empty())) {
            InstallPlan plan = InstallPlanner.plan(located, State.empty(), given, dir.resolve("cache"));
            assertEquals(source.url() + "artifacts/b-2.0.0.tar.gz",
                    plan.find(PackageId.of("b", "2.0.0")).get().download().get().url().toString(), "given: " + given);
        }
    }

    @Test
    void aPackageWithoutArtifactIsInstalledAsAnEmptyDirectory() {
        LockedPackage bare = new LockedPackage(PackageId.of("meta", "1.0.0"), "test", Optional.empty(), List.of());

        InstallPlan plan = InstallPlanner.plan(TestRegistry.lockfile(List.of(bare)), State.empty(), Optional.empty(),
                dir.resolve("cache"));

        PlannedPackage p = plan.packages().get(0);
        assertEquals(PlannedPackage.Action.INSTALL, p.action());
        assertEquals(PlannedPackage.Fetch.NONE, p.fetch());
    }

    private static Map<String, PlannedPackage.Action> actions(InstallPlan plan) {
        java.util.Map<String, PlannedPackage.Action> m = new java.util.TreeMap<>();
        plan.packages().forEach(p -> m.put(p.id().toString(), p.action()));
        return m;
    }
}
