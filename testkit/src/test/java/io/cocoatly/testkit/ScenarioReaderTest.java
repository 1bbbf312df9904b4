package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReaderTest {

    private static final Path FILE = Path.of("cases", "demo.scenario");

    private static Scenario parse(String text) {
        return ScenarioReader.parse("demo", FILE, text);
    }

    @Test
    void readsEveryKey() {
        Scenario s = parse("""
                # A comment line, then a key with a comment after it.
                description: Two packages that share
                  a dependency.          # continues on the next line
                project: app 0.3.0
                registry:
                  http 1.0.0 -> tls ^1
                  http 1.1.0 -> tls >=1.5, <2, log *
                  tls 1.0.0, 1.5.0, 2.0.0
                  tls 2.1.0 (yanked)
                  log 0.4.1-beta.1
                root: http ^1, tls <2
                options: multiple-versions=semver-major, prereleases, prefer tls@1.0.0, timeout=250ms
                expect: http 1.1.0, tls 1.5.0, log 0.4.1-beta.1
                """);
        assertEquals("demo", s.name());
        assertEquals(FILE, s.file());
        assertEquals("Two packages that share a dependency.", s.description());
        assertEquals(PackageId.of("app", "0.3.0"), s.root().id());
        assertEquals(List.of(Dependency.parse("http", "^1"), Dependency.parse("tls", "<2")), s.root().dependencies());

        PackageListing tls = s.registry().find(PackageName.of("tls")).orElseThrow();
        assertEquals(List.of("1.0.0", "1.5.0", "2.0.0", "2.1.0"),
                tls.releases().stream().map(r -> r.version().toString()).toList());
        assertEquals(List.of(false, false, false, true), tls.releases().stream().map(Release::yanked).toList());
        Release http11 = s.registry().find(PackageName.of("http")).orElseThrow().releases().get(1);
        assertEquals(List.of(Dependency.parse("log", "*"), Dependency.parse("tls", ">=1.5, <2")),
                http11.dependencies());
        assertEquals(">=1.5, <2", http11.dependencies().get(1).requirement());

        Scenario.Options o = s.options();
        assertTrue(o.semverMajor());
        assertTrue(o.prereleases());
        assertEquals(Set.of(PackageId.of("tls", "1.0.0")), o.preferred());
        assertEquals(Optional.of(Duration.ofMillis(250)), o.timeout());
        assertEquals(new Scenario.Solved(List.of(PackageId.of("http", "1.1.0"), PackageId.of("log", "0.4.1-beta.1"),
                PackageId.of("tls", "1.5.0"))), s.expected());
    }

    @Test
    void readsAWorkspacesMembers() {
        Scenario s = parse("""
                project: app 2.0.0
                registry:
                  http 1.0.0
                members:
                  web 0.1.0 at apps/web -> core ^1, http *
                  core 1.0.0 at libs/core
                root: web ^0.1
                expect: http 1.0.0
                """);
        assertTrue(s.isWorkspace());
        io.cocoatly.model.Workspace ws = s.workspace().orElseThrow();
        assertEquals(List.of("apps/web", "libs/core"), ws.members().stream().map(io.cocoatly.model.Workspace.Member::path).toList());
        assertEquals(List.of(Dependency.parse("core", "^1"), Dependency.parse("http", "*")),
                ws.members().get(0).manifest().dependencies());
        assertEquals(PackageId.of("app", "2.0.0"), ws.rootPackage().orElseThrow().id());
        assertEquals(List.of(Dependency.parse("web", "^0.1")), ws.rootPackage().get().dependencies());
        assertFalse(parse("registry:\nroot:\nexpect: nothing\n").isWorkspace());
        assertEquals(io.cocoatly.model.Workspace.UNNAMED,
                parse("registry:\nroot:\nexpect: nothing\nmembers:\n  a 1.0.0 at a\n").root().name());
    }

    @Test
    void defaultsWhenOptionalKeysAreAbsent() {
        Scenario s = parse("registry:\nroot:\nexpect: nothing\n");
        assertEquals("", s.description());
        assertEquals(ScenarioReader.DEFAULT_PROJECT, s.root().id());
        assertEquals(List.of(), s.root().dependencies());
        assertEquals(Scenario.Options.DEFAULT, s.options());
        assertTrue(s.registry().packages().isEmpty());
        assertEquals(new Scenario.Solved(List.of()), s.expected());
        assertEquals("nothing", s.expected().describe());
    }

    @Test
    void readsUnsatisfiableWithAndWithoutPackages() {
        String base = "registry:\n  a 1.0.0 -> b ^2\n  b 1.0.0\nroot: a ^1\n";
        assertEquals(new Scenario.Unsatisfiable(Set.of()), parse(base + "expect: unsatisfiable\n").expected());
        Scenario.Expectation e = parse(base + "expect: unsatisfiable (involving b, a)\n").expected();
        assertEquals(new Scenario.Unsatisfiable(Set.of(PackageName.of("a"), PackageName.of("b"))), e);
        assertEquals("unsatisfiable (involving a, b)", e.describe());
    }

    @Test
    void listsMayContinueOnIndentedLines() {
        Scenario s = parse("""
                registry:
                  a 1.0.0
                  b 2.0.0
                root:
                  a ^1
                  b ^2
                options:
                  prefer a@1.0.0
                  prefer b@2.0.0
                expect:
                  a 1.0.0
                  b 2.0.0
                """);
        assertEquals(2, s.root().dependencies().size());
        assertEquals(2, s.options().preferred().size());
        assertEquals("a 1.0.0, b 2.0.0", s.expected().describe());
    }

    @Test
    void commaBeforeAComparatorContinuesTheRequirement() {
        Scenario s = parse("registry:\n  a 1.0.0\nroot: a >=0.4, <2, b 1.x || 2, c ~1.2, 1.2.5, d 1.0.0 - 1.4\nexpect: unsatisfiable\n");
        assertEquals(List.of(">=0.4, <2", "1.x || 2", "~1.2, 1.2.5", "1.0.0 - 1.4"),
                s.root().dependencies().stream().map(Dependency::requirement).toList());
    }

    @Test
    void readAllFindsFilesRecursivelyAndSortsByRelativeName(@TempDir Path dir) throws IOException {
        String text = "registry:\n  a 1.0.0\nroot: a ^1\nexpect: a 1.0.0\n";
        Files.createDirectories(dir.resolve("b/deep"));
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("b/deep/z.scenario"), text);
        Files.writeString(dir.resolve("b/y.scenario"), text);
        Files.writeString(dir.resolve("a/x.scenario"), text);
        Files.writeString(dir.resolve("a/notes.txt"), "not a scenario");
        List<Scenario> all = ScenarioReader.readAll(dir);
        assertEquals(List.of("a/x", "b/deep/z", "b/y"), all.stream().map(Scenario::name).toList());
        assertEquals(dir.resolve("b/y.scenario"), all.get(2).file());
        assertEquals("y", ScenarioReader.read(dir.resolve("b/y.scenario")).name());
        assertEquals("b/y", all.get(2).registry().name());
    }

    @Test
    void unreadableFileIsATypedError(@TempDir Path dir) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.cocoatly.model.CocoatlyException.class,
                () -> ScenarioReader.read(dir.resolve("absent.scenario")));
        assertEquals("unreadable-scenario", e.code());
        assertFalse(e.hints().isEmpty());
    }
}
