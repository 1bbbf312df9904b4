package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.model.PackageId;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that select members of a workspace ({@code -p NAME}, {@code --workspace}): {@code install},
 * {@code add}, {@code remove}, {@code outdated}, {@code update} and {@code resolve}, against a real signed
 * registry in a temporary directory (docs/workspaces.md, "Commands").
 */
class WorkspaceMemberCommandsTest {

    @TempDir
    Path dir;

    private InstallFixture fixture;
    private String registry;
    private Path root;

    @BeforeEach
    void setUp() throws IOException {
        fixture = InstallFixture.in(dir);
        fixture.registry().add("b", "1.0.0", Map.of("b.txt", "b 1.0.0\n"));
        fixture.registry().add("a", "1.0.0", Map.of("a.txt", "a 1.0.0\n"), "b@1.0.0");
        fixture.registry().add("t", "1.0.0", Map.of("t.txt", "t 1.0.0\n"));
        fixture.registry().add("c", "1.0.0", Map.of("c.txt", "c 1.0.0\n"));
        registry = fixture.registryDir().toString();
        root = Files.createDirectories(dir.resolve("repo"));
        write("cocoatly.json", "{\"workspace\": {\"members\": [\"libs/*\", \"apps/web\"]}}");
        write("libs/core/cocoatly.json", "{\"name\": \"core\", \"version\": \"1.2.0\", \"dependencies\": {\"a\": \"^1\"},"
                + " \"dev-dependencies\": {\"t\": \"^1\"}}");
        write("apps/web/cocoatly.json", "{\"name\": \"web\", \"version\": \"0.1.0\", \"dependencies\": {\"core\": \"^1.2\","
                + " \"c\": \"^1\"}}");
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<String> installed() throws IOException {
        try (var names = Files.list(root.resolve(".cocoatly/packages"))) {
            return names.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private CliRunner.Result run(String... args) {
        return fixture.cli(root).run(args);
    }

    @Test
    void installForSomeMembersHoldsTheirClosureAndRemovesTheRest() throws IOException {
        assertEquals(0, run("install", "--registry", registry).exitCode());
        assertEquals(List.of("a", "b", "c", "t"), installed());
        byte[] lockfile = Files.readAllBytes(root.resolve("cocoatly-lock.json"));

        // web needs c, and core as a library: core's dependencies but not its dev-dependency t.
        CliRunner.Result web = run("install", "-p", "web");
        assertEquals(0, web.exitCode(), web.err());
        assertEquals(List.of("a", "b", "c"), installed());
        assertTrue(web.out().contains("- t 1.0.0"), web.out());

        CliRunner.Result core = run("install", "--package", "core", "--json");
        assertEquals(0, core.exitCode(), core.err());
        assertEquals(List.of("a", "b", "t"), installed());
        assertTrue(core.out().replaceAll("\\s", "").contains("\"members\":[\"core\"]"), core.out());

        assertEquals(0, run("install", "-p", "core", "--production").exitCode());
        assertEquals(List.of("a", "b"), installed());

        assertEquals(0, run("install", "--workspace").exitCode());
        assertEquals(List.of("a", "b", "c", "t"), installed());
        assertArrayEquals(lockfile, Files.readAllBytes(root.resolve("cocoatly-lock.json")), "never relocked for a subset");
    }

    /**
     * An installation made with {@code -p} or {@code --production} stays so ({@link InstallScope}):
     * {@code add} and {@code remove} install what the chosen members need, without development
     * dependencies, as {@code install} made it; a plain {@code install} makes it whole again.
     */
    @Test
    void addAndRemoveInstallAsTheInstallationWasMade() throws IOException {
        fixture.registry().add("d", "1.0.0", Map.of("d.txt", "d 1.0.0\n"));
        assertEquals(0, run("install", "-p", "web", "--production", "--registry", registry).exitCode());
        assertEquals(List.of("a", "b", "c"), installed());
        Path scope = root.resolve(".cocoatly/install-scope.json");
        assertEquals("{\n  \"members\": [\n    \"web\"\n  ],\n  \"production\": true\n}\n", Files.readString(scope));

        CliRunner.Result dev = run("add", "t", "--dev", "-p", "web", "--registry", registry);
        assertEquals(0, dev.exitCode(), dev.err());
        assertEquals(List.of("a", "b", "c"), installed(), "a dev-dependency stays out of a production installation");
        CliRunner.Result added = run("add", "d", "-p", "web", "--registry", registry);
        assertEquals(0, added.exitCode(), added.err());
        assertEquals(List.of("a", "b", "c", "d"), installed());
        CliRunner.Result removed = run("remove", "c", "-p", "web", "--registry", registry);
        assertEquals(0, removed.exitCode(), removed.err());
        assertEquals(List.of("a", "b", "d"), installed());
        assertEquals(0, run("lock", "--check", "--registry", registry).exitCode(), "the lockfile is the whole workspace's");

        assertEquals(0, run("install").exitCode());
        assertEquals(List.of("a", "b", "d", "t"), installed());
        assertFalse(Files.exists(scope), "an installation of everything needs no scope");
    }

    @Test
    void aMalformedInstallScopeFailsAnAddBeforeAnythingIsWritten() throws IOException {
        fixture.registry().add("d", "1.0.0", Map.of("d.txt", "d 1.0.0\n"));
        assertEquals(0, run("install", "-p", "web", "--registry", registry).exitCode());
        Files.writeString(root.resolve(".cocoatly/install-scope.json"), "{\"members\": \"web\"}");
        byte[] manifest = Files.readAllBytes(root.resolve("apps/web/cocoatly.json"));
        byte[] lockfile = Files.readAllBytes(root.resolve("cocoatly-lock.json"));
        CliRunner.Result r = run("add", "d", "-p", "web", "--registry", registry);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("install-scope.json") && r.err().contains("$.members"), r.err());
        assertArrayEquals(manifest, Files.readAllBytes(root.resolve("apps/web/cocoatly.json")));
        assertArrayEquals(lockfile, Files.readAllBytes(root.resolve("cocoatly-lock.json")));
    }

    /**
     * From a member, search uses the workspace root's settings as every command there does, found
     * without reading the members: a broken member elsewhere does not stop it.
     */
    @Test
    void searchInAMemberUsesTheRootsSettingsWhateverTheOtherMembers() throws IOException {
        write(".cocoatly/config.json", "{\"registry\": {\"url\": \"" + registry.replace("\\", "\\\\") + "\"}}");
        write("libs/broken/cocoatly.json", "{\"name\": ");
        CliRunner.Result search = fixture.cli(root.resolve("apps/web")).run("search", "a");
        assertEquals(0, search.exitCode(), search.err());
        assertTrue(search.out().contains("a "), search.out());
        // A project below the workspace that no glob lists keeps its own settings: here, none.
        write("tools/x/cocoatly.json", "{\"name\": \"x\", \"version\": \"0.1.0\"}");
        CliRunner.Result outside = fixture.cli(root.resolve("tools/x")).run("search", "a");
        assertEquals(2, outside.exitCode(), outside.out());
        assertTrue(outside.err().contains("no registry given"), outside.err());
    }

    @Test
    void anUnknownMemberIsAUsageErrorWithTheMembers() {
        CliRunner.Result r = run("install", "-p", "wev", "--registry", registry);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("no member `wev` in the workspace at `"), r.err());
        assertTrue(r.err().contains("hint: did you mean `web`?"), r.err());
        assertTrue(r.err().contains("hint: pass -p/--package, one of: `web`, `core`"), r.err());
        assertFalse(Files.exists(root.resolve(".cocoatly")));
    }

    @Test
    void packageOutsideAWorkspaceIsAnError() throws IOException {
        Path project = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(project.resolve("cocoatly.json"), "{\"name\": \"plain\", \"version\": \"1.0.0\"}");
        for (String command : List.of("outdated", "update", "install", "add")) {
            CliRunner.Result r = fixture.cli(project).run(command.equals("add") ? new String[] {"add", "b", "-p", "x",
                "--registry", registry} : new String[] {command, "-p", "x", "--registry", registry});
            assertEquals(2, r.exitCode(), command + ": " + r.err());
            assertTrue(r.err().contains("`--package` selects members of a workspace, and `cocoatly.json` is not a workspace"
                    + " root"), command + ": " + r.err());
        }
    }

    @Test
    void addToAMemberEditsItsManifestAndRelocksTheWorkspace() throws IOException {
        assertEquals(0, run("install", "--registry", registry).exitCode());
        write("libs/util/cocoatly.json", "{\"name\": \"util\", \"version\": \"0.3.0\"}");
        CliRunner.Result r = fixture.cli(root.resolve("apps/web")).run("add", "b", "util", "-p", "core", "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        // Outside the working directory, so shown in full.
        assertTrue(r.out().contains(root.resolve("libs/core/cocoatly.json") + ": + \"b\": \"^1.0.0\" in dependencies"),
                r.out());
        String core = Files.readString(root.resolve("libs/core/cocoatly.json"));
        assertTrue(core.contains("\"b\": \"^1.0.0\"") && core.contains("\"util\": \"^0.3.0\""), core);
        assertFalse(Files.exists(root.resolve("libs/core/cocoatly-lock.json")));
        assertEquals(List.of("util"), LockfileReader.read(root.resolve("cocoatly-lock.json")).manifest().members().stream()
                .map(m -> m.name().value()).filter(n -> n.equals("util")).toList());
        assertEquals(0, run("lock", "--check", "--registry", registry).exitCode());

        CliRunner.Result dev = run("add", "t", "--dev", "-p", "web", "--registry", registry);
        assertEquals(0, dev.exitCode(), dev.err());
        GoldenFile.assertMatches("workspaces/add-dev-to-member", dev.out());
        assertTrue(Files.readString(root.resolve("apps/web/cocoatly.json")).contains("\"dev-dependencies\""));
    }

    @Test
    void addWithoutMemberNeedsARootPackage() throws IOException {
        CliRunner.Result r = run("add", "b", "--registry", registry);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("`cocoatly add` edits one package's manifest, and the workspace at `"), r.err());
        assertTrue(r.err().contains("hint: pass -p/--package, one of: `web`, `core`"), r.err());

        write("cocoatly.json", "{\"name\": \"app\", \"version\": \"2.0.0\", \"workspace\": {\"members\": [\"libs/*\","
                + " \"apps/web\"]}}");
        CliRunner.Result own = run("add", "b", "--registry", registry);
        assertEquals(0, own.exitCode(), own.err());
        String manifest = Files.readString(root.resolve("cocoatly.json"));
        assertTrue(manifest.contains("\"dependencies\": {\"b\": \"^1.0.0\"}") || manifest.contains("\"b\": \"^1.0.0\""), manifest);
        assertTrue(manifest.contains("\"workspace\""), manifest);
        assertEquals(0, run("lock", "--check", "--registry", registry).exitCode());
    }

    @Test
    void addAndRemoveInAMembersDirectoryEditThatMember() throws IOException {
        write("cocoatly.json", "{\"name\": \"app\", \"version\": \"2.0.0\", \"workspace\": {\"members\": [\"libs/*\","
                + " \"apps/web\"]}}");
        Files.createDirectories(root.resolve("apps/web/src"));

        CliRunner.Result added = fixture.cli(root.resolve("apps/web/src")).run("add", "b", "--registry", registry);
        CliRunner.Result removed = fixture.cli(root.resolve("libs/core")).run("remove", "a", "--registry", registry);

        assertEquals(0, added.exitCode(), added.err());
        assertTrue(Files.readString(root.resolve("apps/web/cocoatly.json")).contains("\"b\": \"^1.0.0\""));
        assertFalse(Files.readString(root.resolve("cocoatly.json")).contains("\"b\""), "not the root's own package");
        assertEquals(0, removed.exitCode(), removed.err());
        assertFalse(Files.readString(root.resolve("libs/core/cocoatly.json")).contains("\"a\""));
        assertEquals(0, run("lock", "--check", "--registry", registry).exitCode());
    }

    @Test
    void removeFindsTheOneMemberThatDeclaresTheNameOrAsks() throws IOException {
        CliRunner.Result one = run("remove", "c", "--registry", registry);
        assertEquals(0, one.exitCode(), one.err());
        assertFalse(Files.readString(root.resolve("apps/web/cocoatly.json")).contains("\"c\""));
        assertEquals(List.of(PackageId.of("a", "1.0.0"), PackageId.of("b", "1.0.0"), PackageId.of("t", "1.0.0")),
                LockfileReader.read(root.resolve("cocoatly-lock.json")).ids());

        write("apps/web/cocoatly.json", "{\"name\": \"web\", \"version\": \"0.1.0\", \"dependencies\": {\"a\": \"^1\"}}");
        CliRunner.Result both = run("remove", "a", "--registry", registry);
        assertEquals(2, both.exitCode(), both.err());
        GoldenFile.assertMatches("workspaces/remove-declared-by-several", both.err().replace(root.toString(), "/repo"));
        assertTrue(both.err().contains("several members declare `a`: `web (apps/web)`, `core (libs/core)`"), both.err());
        assertTrue(both.err().contains("hint: pass -p/--package, one of: `web`, `core`"), both.err());

        CliRunner.Result chosen = run("remove", "a", "-p", "web", "--registry", registry);
        assertEquals(0, chosen.exitCode(), chosen.err());
        assertTrue(Files.readString(root.resolve("libs/core/cocoatly.json")).contains("\"a\""));
    }

    @Test
    void outdatedNamesTheMembersThatRequireEachPackage() throws IOException {
        assertEquals(0, run("lock", "--registry", registry).exitCode());
        fixture.registry().add("c", "1.1.0", Map.of("c.txt", "c 1.1.0\n"));
        fixture.registry().add("t", "2.0.0", Map.of("t.txt", "t 2.0.0\n"));
        CliRunner.Result all = run("outdated", "--all", "--registry", registry);
        assertEquals(0, all.exitCode(), all.err());
        GoldenFile.assertMatches("workspaces/outdated-all", all.out());
        CliRunner.Result web = run("outdated", "-p", "web", "--json", "--registry", registry);
        assertEquals(0, web.exitCode(), web.err());
        GoldenFile.assertFileMatches("workspaces/outdated-web.json", web.out());
    }

    @Test
    void updateWithPackageMovesOnlyWhatThoseMembersRequire() throws IOException {
        assertEquals(0, run("lock", "--registry", registry).exitCode());
        fixture.registry().add("c", "1.1.0", Map.of("c.txt", "c 1.1.0\n"));
        fixture.registry().add("t", "1.1.0", Map.of("t.txt", "t 1.1.0\n"));
        byte[] locked = Files.readAllBytes(root.resolve("cocoatly-lock.json"));
        CliRunner.Result both = run("update", "t", "-p", "web", "--registry", registry);
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("error: `update PACKAGE...` and `-p` cannot be combined"), both.err());
        assertArrayEquals(locked, Files.readAllBytes(root.resolve("cocoatly-lock.json")));
        CliRunner.Result web = run("update", "-p", "web", "--registry", registry);
        assertEquals(0, web.exitCode(), web.err());
        assertTrue(web.out().contains("~ c 1.0.0 -> 1.1.0"), web.out());
        assertEquals(List.of(PackageId.of("a", "1.0.0"), PackageId.of("b", "1.0.0"), PackageId.of("c", "1.1.0"),
                PackageId.of("t", "1.0.0")), LockfileReader.read(root.resolve("cocoatly-lock.json")).ids());
        CliRunner.Result all = run("update", "--registry", registry);
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(LockfileReader.read(root.resolve("cocoatly-lock.json")).ids().contains(PackageId.of("t", "1.1.0")));
        assertEquals(0, run("lock", "--check", "--registry", registry).exitCode());
    }

    @Test
    void resolveInAWorkspaceResolvesTheUnionWithoutTheMembers() {
        CliRunner.Result r = fixture.cli(root.resolve("libs/core")).run("resolve", "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("""
                name  version  kind
                a     1.0.0    direct
                b     1.0.0    transitive
                c     1.0.0    direct
                t     1.0.0    direct
                Resolved 4 packages in """), r.out());
    }
}
