package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.lockfile.ManifestInfo;
import io.cocoatly.lockfile.RequirementsDigest;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.model.Workspace;
import io.cocoatly.testkit.InMemoryIndex;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locking a workspace: one lockfile for every member, checked as a whole by {@code lock --check}. */
class WorkspaceLockTest {

    private static final URI LOCATION = URI.create("file:///srv/registry/");
    private static final InMemoryIndex INDEX = new InMemoryIndex("tiny", List.of(
            release("http", "1.0.0"), release("http", "1.1.0"), release("http", "2.0.0"),
            release("log", "0.4.0"), release("json", "1.0.0", "log ^0.4"), release("api", "9.0.0"),
            release("workspace", "2.0.0", "log ^0.4")));

    @TempDir
    Path dir;

    private static Release release(String name, String version, String... dependencies) {
        return InMemoryIndex.release(name, version, dependencies);
    }

    private static Workspace.Member member(String path, String name, String version, List<Dependency> deps,
            List<Dependency> dev) {
        return new Workspace.Member(path, new Manifest(PackageName.of(name), Version.parse(version), deps, dev,
                ManifestMetadata.NONE));
    }

    private static Workspace workspace(Workspace.Member... members) {
        return new Workspace(Path.of("/ws"), Optional.empty(), List.of(members));
    }

    private static final Workspace.Member API = member("libs/api", "api", "1.0.0",
            List.of(Dependency.parse("http", ">=1.0, <2")), List.of(Dependency.parse("json", "^1")));
    private static final Workspace.Member WEB = member("apps/web", "web", "1.0.0",
            List.of(Dependency.parse("api", "^1"), Dependency.parse("http", "*")), List.of());

    private static Lockfile lock(Workspace ws) {
        return new Relock(INDEX, LOCATION, new WorkspaceResolution(ws), VersionPolicy.ONE_PER_PACKAGE, Optional.empty())
                .lock(Optional.empty()).lockfile();
    }

    @Test
    void oneLockfileRecordsTheMembersAndOnlyRegistryPackages() {
        Lockfile lockfile = lock(workspace(API, WEB));
        assertEquals(List.of(PackageId.of("http", "1.1.0"), PackageId.of("json", "1.0.0"), PackageId.of("log", "0.4.0")),
                lockfile.ids(), "the registry's `api` is shadowed by the member, which is not a locked package");
        assertEquals(List.of(new ManifestInfo.Member(PackageName.of("web"), Version.parse("1.0.0"), "apps/web",
                        Optional.of(ManifestInfo.Requirements.of(WEB.manifest()))),
                new ManifestInfo.Member(PackageName.of("api"), Version.parse("1.0.0"), "libs/api",
                        Optional.of(ManifestInfo.Requirements.of(API.manifest())))),
                lockfile.manifest().members());
        assertEquals(Workspace.UNNAMED, lockfile.manifest().name());
        // json and what it needs come from api's dev-dependencies only.
        assertEquals(List.of(false, true, true), lockfile.packages().stream().map(LockedPackage::dev).toList());
        assertEquals(List.of(), LockCheck.run(lockfile, new WorkspaceResolution(workspace(API, WEB)), INDEX, Optional.empty()));
    }

    @Test
    void theLockfileRoundTripsItsMembersByteForByte(@TempDir Path tmp) throws Exception {
        Lockfile lockfile = lock(workspace(API, WEB));
        Path file = tmp.resolve("cocoatly-lock.json");
        LockfileWriter.write(lockfile, file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"members\": [\n      {\n        \"name\": \"web\",\n        \"version\": \"1.0.0\",\n"
                + "        \"path\": \"apps/web\",\n        \"dependencies\": {\n          \"api\": \"^1\",\n"
                + "          \"http\": \"*\"\n        }\n      },"), text);
        assertTrue(text.contains("\"dev-dependencies\": {\n          \"json\": \"^1\"\n        }"), text);
        Lockfile read = LockfileReader.read(file);
        assertEquals(lockfile, read);
        assertArrayEquals(LockfileWriter.toBytes(lockfile), LockfileWriter.toBytes(read));
    }

    @Test
    void anOrdinaryLockfileHasNoMembersKey() {
        Manifest app = new Manifest(PackageName.of("app"), Version.parse("1.0.0"), List.of(Dependency.parse("http", "^1")));
        Lockfile lockfile = new Relock(INDEX, LOCATION, app, VersionPolicy.ONE_PER_PACKAGE, Optional.empty())
                .lock(Optional.empty()).lockfile();
        assertTrue(!new String(LockfileWriter.toBytes(lockfile)).contains("members"));
    }

    @Test
    void lockCheckNamesAMemberAddedRemovedOrChanged() {
        Lockfile lockfile = lock(workspace(API, WEB));
        Workspace.Member cli = member("apps/cli", "cli", "0.1.0", List.of(), List.of());
        assertEquals(List.of("member `cli` (apps/cli) is not in the lockfile"),
                messages(lockfile, workspace(API, WEB, cli)));
        assertEquals(List.of("the lockfile has member `web` (apps/web), which the workspace no longer has"),
                messages(lockfile, workspace(API)));
        Workspace.Member web2 = member("apps/web", "web", "1.1.0", WEB.manifest().dependencies(), List.of());
        assertEquals(List.of("member `web` (apps/web) is 1.1.0, the lockfile has 1.0.0"),
                messages(lockfile, workspace(API, web2)));
        Workspace.Member moved = new Workspace.Member("web", WEB.manifest());
        assertEquals(List.of("member `web` is at `web`, the lockfile has `apps/web`"),
                messages(lockfile, workspace(API, moved)));
    }

    @Test
    void lockCheckNoticesAMemberRequirementThatChanged() {
        Lockfile lockfile = lock(workspace(API, WEB));
        Workspace.Member narrower = member("apps/web", "web", "1.0.0",
                List.of(Dependency.parse("api", "^1"), Dependency.parse("http", "^1.1")), List.of());
        assertEquals(List.of("member `web` (apps/web) changed its requirements: `http *` became `http ^1.1`"),
                messages(lockfile, workspace(API, narrower)));
        Workspace.Member newDependency = member("apps/web", "web", "1.0.0",
                List.of(Dependency.parse("api", "^1"), Dependency.parse("log", "^0.4")), List.of());
        // log was locked for api's dev-dependency json alone; now a member needs it.
        assertEquals(List.of("member `web` (apps/web) changed its requirements: removed `http *`, added `log ^0.4`",
                "`log@0.4.0` is marked dev, but the manifest's dependencies need it"),
                messages(lockfile, workspace(API, newDependency)));
        Workspace.Member devChanged = member("libs/api", "api", "1.0.0", API.manifest().dependencies(),
                List.of(Dependency.parse("json", "^1.0"), Dependency.parse("log", "*")));
        assertEquals(List.of("member `api` (libs/api) changed its requirements: dev-dependency `json ^1` became"
                + " `json ^1.0`, added dev-dependency `log *`"), messages(lockfile, workspace(devChanged, WEB)));
        // A lockfile written before members' requirements were recorded says only that something changed.
        Lockfile older = new Lockfile(lockfile.format(), new ManifestInfo(lockfile.manifest().name(),
                lockfile.manifest().version(), lockfile.manifest().requirementsDigest(), lockfile.manifest().members()
                .stream().map(m -> new ManifestInfo.Member(m.name(), m.version(), m.path(), Optional.empty())).toList()),
                lockfile.resolver(), lockfile.sources(), lockfile.packages(), lockfile.installOrder());
        assertEquals(List.of("the manifest's requirements changed since the lockfile was written"),
                messages(older, workspace(API, narrower)));
        LockfileOutOfDateException e = assertThrows(LockfileOutOfDateException.class, () -> LockCheck.requireManifest(
                lockfile, new WorkspaceResolution(workspace(API, narrower)), "cocoatly-lock.json"));
        assertTrue(e.getMessage().contains("cocoatly-lock.json"), e.getMessage());
    }

    @Test
    void aRegistryPackageNamedWorkspaceCanBeUsedInAWorkspaceWithoutAPackage() {
        Workspace.Member uses = member("apps/web", "web", "1.0.0", List.of(Dependency.parse("workspace", "^2")), List.of());
        Lockfile lockfile = lock(workspace(API, uses));
        assertTrue(lockfile.ids().contains(PackageId.of("workspace", "2.0.0")), lockfile.ids().toString());
        assertEquals(Workspace.UNNAMED, lockfile.manifest().name(), "the lockfile's name stays as documented");
        assertEquals(List.of(), messages(lockfile, workspace(API, uses)));
        Workspace.Member narrower = member("apps/web", "web", "1.0.0", List.of(Dependency.parse("workspace", "^3")),
                List.of());
        assertEquals(List.of("member `web` (apps/web) changed its requirements: `workspace ^2` became `workspace ^3`",
                "the manifest requires `workspace ^3`, but the lockfile has `workspace@2.0.0`"),
                messages(lockfile, workspace(API, narrower)));
    }

    @Test
    void theWorkspaceDigestCoversMembersAndTheirRequirements() {
        String digest = RequirementsDigest.of(workspace(API, WEB));
        assertNotEquals(digest, RequirementsDigest.of(workspace(API)));
        assertNotEquals(digest, RequirementsDigest.of(workspace(API, new Workspace.Member("web2", WEB.manifest()))));
        assertEquals(digest, RequirementsDigest.of(workspace(WEB, API)), "members are sorted by path");
        assertTrue(RequirementsDigest.canonicalText(workspace(API, WEB)).contains(
                "workspace\nmember web 1.0.0 apps/web\nmember-dependency web api ^1\nmember-dependency web http *\n"
                        + "member api 1.0.0 libs/api\n"), RequirementsDigest.canonicalText(workspace(API, WEB)));
    }

    @Test
    void aMemberVersionOutsideAnotherMembersRangeIsAnExplainedConflict() {
        Workspace.Member needsApi2 = member("apps/web", "web", "1.0.0", List.of(Dependency.parse("api", "^2")), List.of());
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> lock(workspace(API, needsApi2)));
        String text = io.cocoatly.solver.ExplanationText.render(e.resolution().explanation().orElseThrow(), 100);
        assertTrue(text.contains("web (apps/web) depends on api ^2"), text);
    }

    @Test
    void aMemberDependingOnAnUnknownPackageIsNamed() {
        Workspace.Member unknown = member("apps/web", "web", "1.0.0", List.of(Dependency.parse("htpp", "^1")), List.of());
        var e = assertThrows(io.cocoatly.model.CocoatlyException.class, () -> lock(workspace(API, unknown)));
        assertEquals("`web@1.0.0` depends on `htpp`, which is not in registry `tiny`", e.getMessage());
    }

    private static List<String> messages(Lockfile lockfile, Workspace ws) {
        return LockCheck.run(lockfile, new WorkspaceResolution(ws), INDEX, Optional.empty()).stream()
                .map(LockCheck.Problem::message).toList();
    }
}
