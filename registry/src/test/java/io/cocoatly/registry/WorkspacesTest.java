package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a workspace: the root's section, the globs, and every way the members can be wrong. */
class WorkspacesTest {

    @TempDir
    Path dir;

    private Path write(String path, String json) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }

    private void member(String path, String name) throws IOException {
        write(path + "/cocoatly.json", "{\"name\": \"" + name + "\", \"version\": \"1.0.0\"}");
    }

    private InvalidFileException error(String rootJson) throws IOException {
        Path root = write("cocoatly.json", rootJson);
        return assertThrows(InvalidFileException.class, () -> Workspaces.read(root));
    }

    @Test
    void membersAreFoundByGlobsSortedByPathWithExclusions() throws IOException {
        member("packages/b", "b");
        member("packages/a", "a");
        member("packages/old", "old");
        member("apps/web", "web");
        member("apps/web/deep/x", "deep");
        Files.createDirectories(dir.resolve("packages/empty"));
        Path root = write("cocoatly.json", "{\"workspace\": {\"members\": [\"packages/*\", \"apps/web\"],"
                + " \"exclude\": [\"packages/old\"]}}");
        Workspace ws = Workspaces.read(root);
        assertEquals(dir.toAbsolutePath().normalize(), ws.root());
        assertEquals(List.of("apps/web", "packages/a", "packages/b"), ws.members().stream().map(Workspace.Member::path).toList());
        assertEquals(List.of("web", "a", "b"), ws.members().stream().map(m -> m.name().value()).toList());
        assertTrue(ws.rootPackage().isEmpty());
        assertEquals(Workspace.UNNAMED, ws.name());
    }

    /** lists answers as read would, by the globs alone: an unreadable member elsewhere does not matter. */
    @Test
    void listsAgreesWithReadWithoutReadingTheMembers() throws IOException {
        member("packages/a", "a");
        member("packages/old", "old");
        member("apps/web", "web");
        member("tools/x", "x");
        Path root = write("cocoatly.json", "{\"workspace\": {\"members\": [\"packages/*\", \"apps/web\"],"
                + " \"exclude\": [\"packages/old\"]}}");
        List<String> read = Workspaces.read(root).members().stream().map(Workspace.Member::path).toList();
        for (String path : List.of("packages/a", "packages/old", "apps/web", "tools/x", "packages", ".")) {
            assertEquals(read.contains(path), Workspaces.lists(root, dir.resolve(path)), path);
        }
        assertFalse(Workspaces.lists(root, dir.getParent()));
        write("packages/broken/cocoatly.json", "{\"name\": ");
        assertTrue(Workspaces.lists(root, dir.resolve("apps/web/../web")), "a path is compared normalized");
        assertTrue(Workspaces.lists(root, dir.resolve("packages/broken")));
        assertThrows(InvalidFileException.class, () -> Workspaces.read(root));
    }

    @Test
    void doubleStarCrossesSegmentsAndHiddenDirectoriesAreNotSearched() throws IOException {
        member("libs/a", "a");
        member("libs/nested/b", "b");
        member("libs/.cache/c", "c");
        Path root = write("cocoatly.json", "{\"workspace\": {\"members\": [\"libs/**\"]}}");
        assertEquals(List.of("libs/a", "libs/nested/b"),
                Workspaces.read(root).members().stream().map(Workspace.Member::path).toList());
    }

    @Test
    void theWalkGoesOnlyAsDeepAsTheGlobsNeed() throws IOException {
        member("packages/a", "a");
        member("packages/a/node_modules/deep/x", "x");
        member("target/y", "y");
        member("tools/gen/sub/z", "z");
        Workspaces.Walk walk = Workspaces.walk(dir, List.of("packages/*", "tools/**"));
        assertEquals(List.of("packages/a", "tools/gen/sub/z"), walk.found().stream().map(Path::toString).toList());
        // `packages/*` reads `packages/` only: no directory below a member, and nothing outside the globs.
        assertEquals(List.of("packages", "tools", "tools/gen", "tools/gen/sub", "tools/gen/sub/z"),
                walk.listed().stream().map(Path::toString).toList());
        member("apps/web", "web");
        member("apps/web/vendor/v", "v");
        Workspaces.Walk literal = Workspaces.walk(dir, List.of("apps/web"));
        assertEquals(List.of("apps/web"), literal.found().stream().map(Path::toString).toList());
        assertEquals(List.of(), literal.listed(), "a literal path is looked at, not listed");
    }

    @Test
    void aSymbolicLinkIsNeverAMember() throws IOException {
        member("libs/a", "a");
        Path outside = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-outside").resolve("x"));
        Files.writeString(outside.resolve("cocoatly.json"), "{\"name\": \"x\", \"version\": \"1.0.0\"}");
        Files.createSymbolicLink(dir.resolve("libs/x"), outside);
        Path root = write("cocoatly.json", "{\"workspace\": {\"members\": [\"libs/*\"]}}");
        assertEquals(List.of("libs/a"), Workspaces.read(root).members().stream().map(Workspace.Member::path).toList());
    }

    @Test
    void theRootMayHaveAPackageOfItsOwn() throws IOException {
        member("libs/a", "a");
        Path root = write("cocoatly.json", "{\"name\": \"app\", \"version\": \"2.0.0\", \"dependencies\": {\"a\": \"^1\"},"
                + " \"workspace\": {\"members\": [\"libs/*\"]}}");
        Workspace ws = Workspaces.read(root);
        assertEquals(PackageName.of("app"), ws.name());
        assertEquals(1, ws.rootPackage().orElseThrow().dependencies().size());
    }

    @Test
    void aPackageKeyWithoutNameIsAnErrorAtTheRoot() throws IOException {
        member("libs/a", "a");
        InvalidFileException e = error("{\"dependencies\": {}, \"workspace\": {\"members\": [\"libs/*\"]}}");
        assertEquals("$", e.jsonPath());
        assertTrue(e.problem().contains("name"), e.problem());
    }

    @Test
    void aGlobMatchingNothingIsNamed() throws IOException {
        member("libs/a", "a");
        InvalidFileException e = error("{\"workspace\": {\"members\": [\"libs/*\", \"tools/*\"]}}");
        assertEquals("$.workspace.members[1]", e.jsonPath());
        assertEquals("`tools/*` matches no directory with a `cocoatly.json`", e.problem());
        assertEquals(dir.resolve("cocoatly.json").toString(), e.file());
    }

    @Test
    void twoMembersOfOneNameAreNamedWithBothPaths() throws IOException {
        member("libs/a", "same");
        member("libs/b", "same");
        InvalidFileException e = error("{\"workspace\": {\"members\": [\"libs/*\"]}}");
        assertEquals("two members are named `same`: `libs/a` and `libs/b`", e.problem());
        assertEquals("$.workspace.members[0]", e.jsonPath());
    }

    @Test
    void aMemberNamedLikeTheRootPackageIsADuplicate() throws IOException {
        member("libs/a", "app");
        InvalidFileException e = error("{\"name\": \"app\", \"version\": \"1.0.0\", \"workspace\": {\"members\": [\"libs/*\"]}}");
        assertEquals("two members are named `app`: `.` and `libs/a`", e.problem());
    }

    @Test
    void aMemberThatIsAWorkspaceItselfIsRefused() throws IOException {
        write("libs/inner/cocoatly.json", "{\"workspace\": {\"members\": [\"x\"]}}");
        InvalidFileException e = error("{\"workspace\": {\"members\": [\"libs/*\"]}}");
        assertEquals("member `libs/inner` is itself a workspace root", e.problem());
    }

    @Test
    void aMemberInsideAnotherWorkspaceIsRefused() throws IOException {
        write("inner/cocoatly.json", "{\"workspace\": {\"members\": [\"x\"]}}");
        member("inner/x", "x");
        InvalidFileException e = error("{\"workspace\": {\"members\": [\"inner/x\"]}}");
        assertEquals("member `inner/x` lies inside workspace `inner`", e.problem());
    }

    @Test
    void amongManyMembersReadTogetherTheFirstInOrderWithAProblemIsTheOneReported() throws IOException {
        // Forty members are read in parallel; what is reported must not depend on which thread is first.
        for (int i = 0; i < 40; i++) {
            member(String.format("libs/m%02d", i), String.format("m%02d", i));
        }
        write("libs/m31/cocoatly.json", "{\"name\": \"m31\", \"version\": \"one\"}");
        write("libs/m07/cocoatly.json", "{\"name\": \"m07\", \"version\": \"1.0.0\", \"dependencies\": {\"x\": \"^^1\"}}");
        write("libs/m12/cocoatly.json", "{\"name\": ");
        for (int run = 0; run < 5; run++) {
            InvalidFileException e = error("{\"workspace\": {\"members\": [\"libs/*\"]}}");
            assertEquals(dir.resolve("libs/m07/cocoatly.json").toString(), e.file());
            assertEquals("$.dependencies.x", e.jsonPath());
        }
        member("libs/m07", "m07");
        // A member declaring a workspace is refused as such before its manifest's own problems (an unknown key).
        write("libs/m03/cocoatly.json", "{\"name\": \"m03\", \"version\": \"1.0.0\", \"workspace\": {\"members\": [\"x\"]}}");
        assertEquals("member `libs/m03` is itself a workspace root", error("{\"workspace\": {\"members\": [\"libs/*\"]}}").problem());
        member("libs/m03", "m03");
        assertEquals(dir.resolve("libs/m12/cocoatly.json").toString(), error("{\"workspace\": {\"members\": [\"libs/*\"]}}").file());
        member("libs/m12", "m12");
        member("libs/m31", "m31");
        assertEquals(40, Workspaces.read(dir.resolve("cocoatly.json")).members().size());
    }

    @Test
    void aMemberManifestErrorNamesTheMemberFile() throws IOException {
        write("libs/a/cocoatly.json", "{\"name\": \"a\", \"version\": \"one\"}");
        InvalidFileException e = error("{\"workspace\": {\"members\": [\"libs/*\"]}}");
        assertEquals(dir.resolve("libs/a/cocoatly.json").toString(), e.file());
        assertEquals("$.version", e.jsonPath());
    }

    @Test
    void unknownKeysInTheSectionAreTypos() throws IOException {
        InvalidFileException e = error("{\"workspace\": {\"member\": []}}");
        assertEquals("$.workspace", e.jsonPath());
        assertEquals(List.of("did you mean `members`?"), e.hints());
    }

    @Test
    void aGlobMustBeRelative() throws IOException {
        InvalidFileException e = error("{\"workspace\": {\"members\": [\"../other\"]}}");
        assertEquals("`../other` is not a glob relative to the workspace root", e.problem());
    }

    @Test
    void aWorkspaceRootIsNotAPackageManifest() throws IOException {
        Path root = write("cocoatly.json", "{\"name\": \"app\", \"version\": \"1.0.0\", \"workspace\": {\"members\": []}}");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Manifests.read(root));
        assertEquals("$.workspace", e.jsonPath());
        assertEquals("this is a workspace root, not a package's manifest", e.problem());
        assertTrue(Workspaces.declaresWorkspace(root));
        assertFalse(Workspaces.declaresWorkspace(write("p/cocoatly.json", "{\"name\": \"p\"}")));
        assertFalse(Workspaces.declaresWorkspace(write("q/cocoatly.json", "not json")));
    }
}
