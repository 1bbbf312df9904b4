package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lock}, {@code lock --check} and {@code install} on a workspace, run from a member's
 * subdirectory against a real signed registry: one lockfile and one installation at the root.
 */
class WorkspaceCommandsTest {

    @TempDir
    Path dir;

    private InstallFixture fixture;
    private String registry;
    private Path root;
    private Path webSrc;

    @BeforeEach
    void setUp() throws IOException {
        fixture = InstallFixture.in(dir);
        fixture.registry().add("b", "1.0.0", Map.of("b.txt", "b 1.0.0\n"));
        fixture.registry().add("b", "2.0.0", Map.of("b.txt", "b 2.0.0\n"));
        fixture.registry().add("a", "1.0.0", Map.of("a.txt", "a 1.0.0\n"), "b@1.0.0");
        fixture.registry().add("t", "1.0.0", Map.of("t.txt", "t 1.0.0\n"));
        registry = fixture.registryDir().toString();
        root = Files.createDirectories(dir.resolve("repo"));
        write("cocoatly.json", "{\"workspace\": {\"members\": [\"libs/*\", \"apps/web\"]}}");
        write("libs/core/cocoatly.json", "{\"name\": \"core\", \"version\": \"1.2.0\", \"dependencies\": {\"a\": \"^1\"},"
                + " \"dev-dependencies\": {\"t\": \"^1\"}}");
        write("apps/web/cocoatly.json", "{\"name\": \"web\", \"version\": \"0.1.0\", \"dependencies\": {\"core\": \"^1.2\","
                + " \"b\": \"*\"}}");
        webSrc = Files.createDirectories(root.resolve("apps/web/src"));
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void lockFromAMemberSubdirectoryWritesOneLockfileAtTheRoot() throws IOException {
        CliRunner.Result r = fixture.cli(webSrc).run("lock", "--registry", registry, "-v");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("using workspace " + root.resolve("cocoatly.json").toRealPath()), r.err());
        assertFalse(Files.exists(root.resolve("apps/web/cocoatly-lock.json")));
        Lockfile lockfile = LockfileReader.read(root.resolve("cocoatly-lock.json"));
        // One resolution: web's `b *` agrees with what core's `a` needs, b 1.0.0, not the newest b.
        assertEquals(List.of(PackageId.of("a", "1.0.0"), PackageId.of("b", "1.0.0"), PackageId.of("t", "1.0.0")),
                lockfile.ids());
        assertEquals(List.of("apps/web", "libs/core"), lockfile.manifest().members().stream().map(m -> m.path()).toList());
        assertEquals(List.of(false, false, true), lockfile.packages().stream().map(p -> p.dev()).toList());

        CliRunner.Result check = fixture.cli(webSrc).run("lock", "--check", "--registry", registry);
        assertEquals(0, check.exitCode(), check.err());
        assertTrue(check.out().contains("is up to date: 3 packages"), check.out());
    }

    @Test
    void lockCheckInCiNamesAMemberAddedOrChanged() throws IOException {
        assertEquals(0, fixture.cli(root).run("lock", "--registry", registry).exitCode());
        write("libs/extra/cocoatly.json", "{\"name\": \"extra\", \"version\": \"0.1.0\"}");
        CliRunner.Result added = fixture.cli(root).run("lock", "--check", "--registry", registry);
        assertEquals(3, added.exitCode(), added.err());
        assertTrue(added.err().contains("member `extra` (libs/extra) is not in the lockfile"), added.err());

        Files.delete(root.resolve("libs/extra/cocoatly.json"));
        write("libs/core/cocoatly.json", "{\"name\": \"core\", \"version\": \"1.3.0\", \"dependencies\": {\"a\": \"^1\"},"
                + " \"dev-dependencies\": {\"t\": \"^1\"}}");
        CliRunner.Result changed = fixture.cli(webSrc).run("lock", "--check", "--registry", registry);
        assertEquals(3, changed.exitCode(), changed.err());
        assertTrue(changed.err().contains("member `core` (libs/core) is 1.3.0, the lockfile has 1.2.0"), changed.err());
    }

    @Test
    void aConflictBetweenMembersIsExplainedWithTheirPaths() throws IOException {
        write("libs/core/cocoatly.json", "{\"name\": \"core\", \"version\": \"1.2.0\", \"dependencies\": {\"b\": \"^2\"}}");
        write("apps/web/cocoatly.json", "{\"name\": \"web\", \"version\": \"0.1.0\", \"dependencies\": {\"core\": \"^2\"}}");
        CliRunner.Result r = fixture.cli(root).run("lock", "--registry", registry);
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("web (apps/web) depends on core ^2"), r.err());

        CliRunner.Result json = fixture.cli(root).run("install", "--registry", registry, "--explain", "--json");
        assertEquals(1, json.exitCode(), json.err());
        assertTrue(json.out().replaceAll("\\s", "").contains("\"declared-by\":[{\"member\":\"web\",\"path\":\"apps/web\"}]"),
                json.out());
    }

    @Test
    void installFromAMemberInstallsTheUnionAtTheRoot() throws IOException {
        CliRunner.Result r = fixture.cli(webSrc).run("install", "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("a 1.0.0\n", Files.readString(root.resolve(".cocoatly/packages/a/1.0.0/a.txt")));
        assertEquals("b 1.0.0\n", Files.readString(root.resolve(".cocoatly/packages/b/1.0.0/b.txt")));
        assertEquals("t 1.0.0\n", Files.readString(root.resolve(".cocoatly/packages/t/1.0.0/t.txt")));
        assertFalse(Files.exists(root.resolve("apps/web/.cocoatly")));
        assertFalse(Files.exists(root.resolve(".cocoatly/packages/core")), "a member is not installed");

        CliRunner.Result locked = fixture.cli(root.resolve("libs/core")).run("install", "--locked", "--registry", registry);
        assertEquals(0, locked.exitCode(), locked.err());
        assertEquals("Nothing to do: 3 packages up to date.\n", locked.out());
    }

    @Test
    void aProjectInsideTheWorkspaceThatIsNotAMemberIsItsOwnProject() throws IOException {
        write("cocoatly.json", "{\"workspace\": {\"members\": [\"libs/*\", \"apps/*\"], \"exclude\": [\"apps/tool\"]}}");
        write("apps/tool/cocoatly.json", "{\"name\": \"tool\", \"version\": \"0.1.0\", \"dependencies\": {\"b\": \"^2\"}}");
        CliRunner.Result r = fixture.cli(root.resolve("apps/tool")).run("lock", "--registry", registry, "-v");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("using " + root.resolve("apps/tool/cocoatly.json").toRealPath()), r.err());
        assertEquals(List.of(PackageId.of("b", "2.0.0")), LockfileReader.read(root.resolve("apps/tool/cocoatly-lock.json")).ids());
        assertFalse(Files.exists(root.resolve("cocoatly-lock.json")));
    }

    @Test
    void aMemberNamedExplicitlyIsLockedAsAProjectOfItsOwn() throws IOException {
        CliRunner.Result r = fixture.cli(dir).run("lock", "--manifest", root.resolve("libs/core/cocoatly.json").toString(),
                "--registry", registry);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(root.resolve("libs/core/cocoatly-lock.json")));
    }

    @Test
    void treeShowsEachMemberWithTheMembersItDependsOnExpanded() throws IOException {
        assertEquals(0, fixture.cli(root).run("lock", "--registry", registry).exitCode());
        CliRunner.Result all = fixture.cli(webSrc).run("tree", "--registry", registry);
        assertEquals(0, all.exitCode(), all.err());
        assertEquals("""
                web 0.1.0
                ├── b 1.0.0 (*)
                └── core 1.2.0 (^1.2)
                    ├── a 1.0.0 (^1)
                    │   └── b 1.0.0 (^1.0.0)
                    └── t 1.0.0 (^1) (dev)

                core 1.2.0
                ├── a 1.0.0 (^1) (*)
                └── t 1.0.0 (^1) (dev)
                """, all.out());
        CliRunner.Result one = fixture.cli(root).run("tree", "-p", "core", "--depth", "1");
        assertEquals(0, one.exitCode(), one.err());
        assertEquals("core 1.2.0\n├── a 1.0.0 (^1)\n└── t 1.0.0 (^1) (dev)\n", one.out());
        CliRunner.Result unknown = fixture.cli(root).run("tree", "-p", "nope");
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("no member `nope` in the workspace"), unknown.err());
    }

    @Test
    void aMemberMayDependOnTheRootsOwnPackage() throws IOException {
        write("cocoatly.json", "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"a\": \"^1\"},"
                + " \"workspace\": {\"members\": [\"tools/*\"]}}");
        write("tools/cli/cocoatly.json", "{\"name\": \"cli\", \"version\": \"0.1.0\", \"dependencies\": {\"app\": \"^1\"}}");
        CliRunner.Result lock = fixture.cli(root).run("lock", "--registry", registry);
        assertEquals(0, lock.exitCode(), lock.err());
        assertEquals(0, fixture.cli(root).run("lock", "--check", "--registry", registry).exitCode());
        CliRunner.Result tree = fixture.cli(root).run("tree", "-p", "cli");
        assertEquals("cli 0.1.0\n└── app 1.0.0 (^1)\n    └── a 1.0.0 (^1)\n        └── b 1.0.0\n", tree.out(), tree.err());
        CliRunner.Result why = fixture.cli(root).run("why", "b", "-p", "cli", "--registry", registry);
        assertEquals("b@1.0.0 is needed by 1 path:\n  app -> a ^1 -> b ^1.0.0\n", why.out(), why.err());
        CliRunner.Result own = fixture.cli(root).run("why", "a", "-p", "app", "--registry", registry);
        assertEquals("a@1.0.0 is needed by 1 path:\n  app -> a ^1\n", own.out(), own.err());
    }

    @Test
    void whyStartsEachPathAtTheMemberThatDeclaresIt() {
        CliRunner.Result all = fixture.cli(webSrc).run("why", "b", "--registry", registry);
        assertEquals(0, all.exitCode(), all.err());
        assertEquals("b@1.0.0 is needed by 2 paths:\n  web (apps/web) -> b *\n  core (libs/core) -> a ^1 -> b ^1.0.0\n",
                all.out());
        // web needs b itself, and through core, the member it depends on.
        CliRunner.Result one = fixture.cli(root).run("why", "b", "-p", "web", "--registry", registry);
        assertEquals(0, one.exitCode(), one.err());
        assertEquals("b@1.0.0 is needed by 2 paths:\n  web (apps/web) -> b *\n  core (libs/core) -> a ^1 -> b ^1.0.0\n",
                one.out());
        CliRunner.Result core = fixture.cli(root).run("why", "t", "-p", "web", "--registry", registry);
        assertEquals(2, core.exitCode(), core.err());
        assertEquals("error: `web` does not depend on `t`, directly or through its dependencies\n"
                + "hint: run `cocoatly resolve` to see every selected package\n", core.err(), "core's dev-dependency is core's own");
        CliRunner.Result member = fixture.cli(root).run("why", "core", "--registry", registry);
        assertEquals("core@1.2.0 is needed by 2 paths:\n  workspace member core (libs/core)\n  web (apps/web) -> core ^1.2\n",
                member.out(), member.err());
        // An unknown member is a usage error before any registry is opened (this one does not exist).
        CliRunner.Result unknown = fixture.cli(root).run("why", "b", "-p", "nope", "--registry", root.resolve("no-registry").toString());
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().startsWith("error: no member `nope` in the workspace"), unknown.err());
    }
}
