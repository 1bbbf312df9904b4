package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.lockfile.Lockfile;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What some members of a workspace need of its one lockfile ({@code install -p}). */
class MemberClosureTest {

    private static final InMemoryIndex INDEX = new InMemoryIndex("tiny", List.of(
            release("http", "1.0.0"), release("http", "2.0.0"), release("log", "0.4.0"),
            release("json", "1.0.0", "log ^0.4"), release("t", "1.0.0")));

    private static final Workspace WORKSPACE = new Workspace(Path.of("/repo"), Optional.empty(), List.of(
            member("libs/api", "api", "1.0.0", List.of(dep("json ^1")), List.of(dep("t ^1"))),
            member("apps/web", "web", "0.1.0", List.of(dep("api ^1"), dep("http ^2")), List.of()),
            member("tools/tool", "tool", "0.1.0", List.of(dep("log ^0.4")), List.of())));

    private static final Lockfile LOCKFILE = new Relock(INDEX, URI.create("file:///srv/registry/"),
            new WorkspaceResolution(WORKSPACE), VersionPolicy.ONE_PER_PACKAGE, Optional.empty()).lock(Optional.empty())
            .lockfile();

    private static Dependency dep(String text) {
        String[] parts = text.split(" ", 2);
        return Dependency.parse(parts[0], parts[1]);
    }

    private static Release release(String name, String version, String... dependencies) {
        List<Dependency> deps = new ArrayList<>();
        for (String d : dependencies) {
            deps.add(dep(d));
        }
        return new Release(PackageId.of(name, version), deps, false, Optional.empty());
    }

    private static Workspace.Member member(String path, String name, String version, List<Dependency> deps,
            List<Dependency> dev) {
        return new Workspace.Member(path, new Manifest(PackageName.of(name), Version.parse(version), deps, dev,
                ManifestMetadata.NONE));
    }

    private static List<PackageId> closure(boolean production, String... names) {
        List<Manifest> chosen = new ArrayList<>();
        for (String n : names) {
            chosen.add(WORKSPACE.member(PackageName.of(n)).orElseThrow().manifest());
        }
        Lockfile narrowed = MemberClosure.of(LOCKFILE, WORKSPACE, chosen, production);
        assertEquals(narrowed.ids(), narrowed.installOrder().stream().flatMap(List::stream).sorted().toList(),
                "the install order holds exactly the packages kept");
        return narrowed.ids();
    }

    private static List<PackageId> ids(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> PackageId.of(id.split("@")[0], id.split("@")[1])).toList();
    }

    @Test
    void aMemberDependingOnTheRootsOwnPackageBringsItsDependencies() {
        Manifest rootPackage = new Manifest(PackageName.of("app"), Version.parse("1.0.0"), List.of(dep("http ^1")),
                List.of(), ManifestMetadata.NONE);
        Workspace workspace = new Workspace(Path.of("/repo"), Optional.of(rootPackage), List.of(
                member("tools/cli", "cli", "0.1.0", List.of(dep("app ^1"), dep("log ^0.4")), List.of())));
        Lockfile lockfile = new Relock(INDEX, URI.create("file:///srv/registry/"), new WorkspaceResolution(workspace),
                VersionPolicy.ONE_PER_PACKAGE, Optional.empty()).lock(Optional.empty()).lockfile();
        Lockfile narrowed = MemberClosure.of(lockfile, workspace, List.of(workspace.member(PackageName.of("cli"))
                .orElseThrow().manifest()), false);
        assertEquals(ids("http@1.0.0", "log@0.4.0"), narrowed.ids());
    }

    @Test
    void theWholeWorkspaceIsTheWholeLockfile() {
        assertEquals(LOCKFILE.ids(), closure(false, "api", "web", "tool"));
        assertEquals(ids("http@2.0.0", "json@1.0.0", "log@0.4.0", "t@1.0.0"), LOCKFILE.ids());
    }

    @Test
    void aMemberUsedByAnotherBringsItsDependenciesButNotItsDevDependencies() {
        assertEquals(ids("http@2.0.0", "json@1.0.0", "log@0.4.0"), closure(false, "web"));
    }

    @Test
    void aMembersOwnDevDependenciesAreInUnlessForProduction() {
        assertEquals(ids("json@1.0.0", "log@0.4.0", "t@1.0.0"), closure(false, "api"));
        assertEquals(ids("json@1.0.0", "log@0.4.0"), closure(true, "api"));
    }

    @Test
    void theClosureFollowsTheLockedDependenciesOnly() {
        assertEquals(ids("log@0.4.0"), closure(false, "tool"));
    }
}
