package io.cocoatly.cli;

import io.cocoatly.testkit.GoldenFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockCommandTest {

    private static final Path DEMO_MANIFEST = GoldenFile.repo().resolve("testdata/demo/cocoatly.json");
    private static final String REGISTRY = GoldenFile.repo().resolve("testdata/registry").toString();

    @TempDir
    Path temp;

    @Test
    void locksTheDemoProject() throws IOException {
        Files.copy(DEMO_MANIFEST, temp.resolve("cocoatly.json"));
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        GoldenFile.assertMatches("lock/demo-first", r.out());
        String written = Files.readString(temp.resolve("cocoatly-lock.json"));
        GoldenFile.assertFileMatches("lock/demo.json", TestProject.maskRegistry(written, Path.of(REGISTRY)));
        Lockfile lockfile = LockfileReader.read(temp.resolve("cocoatly-lock.json"));
        assertEquals(15, lockfile.packages().size());
        assertTrue(lockfile.resolver().optimal());
    }

    @Test
    void regeneratingGivesTheSameBytesAndAnUnchangedLockfileIsNotRewritten() throws IOException {
        Files.copy(DEMO_MANIFEST, temp.resolve("cocoatly.json"));
        Path lock = temp.resolve("cocoatly-lock.json");
        assertEquals(0, new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY).exitCode());
        byte[] first = Files.readAllBytes(lock);
        Files.delete(lock);
        assertEquals(0, new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY).exitCode());
        assertArrayEquals(first, Files.readAllBytes(lock));

        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(lock, old);
        CliRunner.Result again = new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY);
        assertEquals("Lockfile is up to date.\n", again.out());
        assertEquals(old, Files.getLastModifiedTime(lock), "not rewritten");
        assertArrayEquals(first, Files.readAllBytes(lock));
    }

    @Test
    void semverMajorLockfileAndThePolicyStaysWithTheLockfile() throws IOException {
        Files.copy(DEMO_MANIFEST, temp.resolve("cocoatly.json"));
        CliRunner.Result r = new CliRunner(temp, Map.of())
                .run("lock", "--registry", REGISTRY, "--multiple-versions=semver-major");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertFileMatches("lock/demo-semver-major.json",
                TestProject.maskRegistry(Files.readString(temp.resolve("cocoatly-lock.json")), Path.of(REGISTRY)));
        // Without the option, the lockfile's own policy is kept.
        assertEquals("Lockfile is up to date.\n", new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY).out());
        assertEquals(0, new CliRunner(temp, Map.of()).run("lock", "--check", "--registry", REGISTRY).exitCode());
        CliRunner.Result asked = new CliRunner(temp, Map.of())
                .run("lock", "--check", "--registry", REGISTRY, "--multiple-versions=one");
        assertEquals(3, asked.exitCode());
        assertTrue(asked.err().contains("resolved with `--multiple-versions=semver-major`, not `one`"), asked.err());
    }

    @Test
    void cyclesSelfLoopsAndDependenciesOnTheProjectItself() {
        TestProject p = TestProject.in(temp).publish(
                "a 1.0.0 -> b ^1", "b 1.0.0 -> c ^1; leaf ^1", "c 1.0.0 -> a ^1", "leaf 1.0.0",
                "self 1.0.0 -> self ^1", "plugin 1.0.0 -> app ^1.0; a ^1")
                .manifest("plugin ^1; self ^1");
        CliRunner.Result r = p.run("lock");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("lock/cycle", r.out());
        GoldenFile.assertFileMatches("lock/cycle.json", p.maskedLockfile());
        Lockfile lockfile = LockfileReader.read(p.lockfilePath());
        assertEquals(List.of(List.of(id("a"), id("b"), id("c"))), lockfile.cycles());
        assertEquals(List.of(id("a"), id("b"), id("c")), lockfile.installOrder().get(1), "after leaf, before plugin");
        assertEquals(0, p.run("lock", "--check").exitCode());
    }

    @Test
    void artifactsAreCopiedFromTheRegistryAndChecked() throws IOException {
        TestProject p = TestProject.in(temp).publish("a 1.0.0 artifact:one -> b ^1", "b 1.0.0 artifact:two")
                .manifest("a ^1");
        assertEquals(0, p.run("lock").exitCode());
        GoldenFile.assertFileMatches("lock/artifacts.json", p.maskedLockfile());
        assertEquals(0, p.run("lock", "--check").exitCode());

        p.publish("b 1.0.0 artifact:tampered");
        CliRunner.Result check = p.run("lock", "--check", "--json");
        assertEquals(3, check.exitCode());
        JsonNode problem = Json.mapper().readTree(check.out()).get("error").get("problems").get(0);
        assertEquals("artifact-changed", problem.get("code").asText());
        assertEquals("b@1.0.0", problem.get("package").asText());
        assertEquals("the artifact of `b@1.0.0` differs from the registry's (checksums changed)",
                problem.get("message").asText());
    }

    @Test
    void checkPassesOnAFreshLockfile() throws IOException {
        Files.copy(DEMO_MANIFEST, temp.resolve("cocoatly.json"));
        assertEquals(0, new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY).exitCode());
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("lock", "--locked", "--registry", REGISTRY);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("cocoatly-lock.json is up to date: 15 packages, valid in registry `sample`.\n", r.out());
        CliRunner.Result json = new CliRunner(temp, Map.of()).run("lock", "--check", "--registry", REGISTRY, "--json");
        JsonNode data = Json.mapper().readTree(json.out()).get("data");
        assertTrue(data.get("up-to-date").asBoolean());
        assertEquals(15, data.get("packages").asInt());
    }

    @Test
    void checkReportsAManifestChangeWithExitThreeAndNeverWrites() throws IOException {
        Files.copy(DEMO_MANIFEST, temp.resolve("cocoatly.json"));
        assertEquals(0, new CliRunner(temp, Map.of()).run("lock", "--registry", REGISTRY).exitCode());
        byte[] before = Files.readAllBytes(temp.resolve("cocoatly-lock.json"));
        Files.writeString(temp.resolve("cocoatly.json"), Files.readString(DEMO_MANIFEST)
                .replace("\"db\": \"^0.8\"", "\"db\": \"^0.9\"").replace("\"log\": \"^0.4\",", "\"uuid\": \"^1\","));
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("lock", "--check", "--registry", REGISTRY);
        assertEquals(3, r.exitCode());
        assertEquals("", r.out());
        GoldenFile.assertMatches("lock/check-manifest-changed", r.err());
        assertArrayEquals(before, Files.readAllBytes(temp.resolve("cocoatly-lock.json")));

        // A change the locked versions still satisfy is caught by the requirements digest.
        Files.writeString(temp.resolve("cocoatly.json"), Files.readString(DEMO_MANIFEST).replace("^1.0\",", "^1.1\","));
        CliRunner.Result digest = new CliRunner(temp, Map.of()).run("lock", "--check", "--registry", REGISTRY, "--json");
        assertEquals(3, digest.exitCode());
        JsonNode error = Json.mapper().readTree(digest.out()).get("error");
        assertEquals("lockfile-out-of-date", error.get("code").asText());
        assertEquals("manifest-changed", error.get("problems").get(0).get("code").asText());
        assertEquals("run `cocoatly lock` to update the lockfile", error.get("hints").get(0).asText());
    }

    @Test
    void aMissingLockfileIsExitThreeWithItsOwnCode() throws IOException {
        Files.copy(DEMO_MANIFEST, temp.resolve("cocoatly.json"));
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("lock", "--check", "--registry", REGISTRY, "--json");
        assertEquals(3, r.exitCode());
        JsonNode error = Json.mapper().readTree(r.out()).get("error");
        assertEquals("lockfile-missing", error.get("code").asText());
        assertEquals("no lockfile at `cocoatly-lock.json`", error.get("message").asText());
        assertFalse(Files.exists(temp.resolve("cocoatly-lock.json")));
    }

    @Test
    void aYankedLockedVersionFailsTheCheckAndLockMovesOffIt() {
        TestProject p = TestProject.in(temp).publish("x 1.0.0", "y 1.0.0 -> x ^1").manifest("y ^1");
        assertEquals(0, p.run("lock").exitCode());
        p.publish("x 1.0.0 yanked", "x 1.0.1");
        CliRunner.Result check = p.run("lock", "--check");
        assertEquals(3, check.exitCode());
        GoldenFile.assertMatches("lock/check-yanked", check.err());
        CliRunner.Result lock = p.run("lock");
        assertEquals(0, lock.exitCode(), lock.err());
        assertEquals("~ x 1.0.0 -> 1.0.1 (locked version 1.0.0 was yanked)\n"
                + "Locked 2 packages in cocoatly-lock.json (optimum proven).\n", lock.out());
        assertEquals(0, p.run("lock", "--check").exitCode());
    }

    @Test
    void aYankedVersionThatIsTheOnlyFitStaysLockedWithAWarning() {
        TestProject p = TestProject.in(temp).publish("x 1.0.0", "y 1.0.0 -> x =1.0.0").manifest("y ^1");
        assertEquals(0, p.run("lock").exitCode());
        p.publish("x 1.0.0 yanked", "x 1.0.1");
        CliRunner.Result lock = p.run("lock");
        assertEquals(0, lock.exitCode(), lock.err());
        assertEquals("warning: `x@1.0.0` is yanked, but no other version fits; it stays locked\n", lock.err());
        assertEquals("Lockfile is up to date.\n", lock.out());
    }

    @Test
    void aRequirementNothingMeetsIsBlamedNotAYankedVersionThatStaysLocked() {
        TestProject p = TestProject.in(temp).publish("x 1.0.0", "y 1.0.0 -> x =1.0.0", "z 1.0.0").manifest("y ^1");
        assertEquals(0, p.run("lock").exitCode());
        p.publish("x 1.0.0 yanked", "x 1.0.1").manifest("y ^1; z ^2");
        CliRunner.Result lock = p.run("lock");
        assertEquals(1, lock.exitCode(), lock.err());
        GoldenFile.assertMatches("lock/unsatisfiable-beside-yanked", lock.err());
    }

    @Test
    void removedVersionsAndChangedDependenciesAreFound() throws IOException {
        TestProject p = TestProject.in(temp).publish("a 1.0.0 -> b ^1", "b 1.0.0", "b 1.1.0", "c 1.0.0").manifest("a ^1");
        assertEquals(0, p.run("lock").exitCode());
        p.unpublish("b", "1.1.0").publish("a 1.0.0 -> b ^1; c ^1");
        CliRunner.Result check = p.run("lock", "--check", "--json");
        assertEquals(3, check.exitCode());
        List<String> codes = new ArrayList<>();
        Json.mapper().readTree(check.out()).get("error").get("problems").forEach(n -> codes.add(n.get("code").asText()));
        assertEquals(List.of("dependency-unsatisfied", "missing"), codes);
        CliRunner.Result lock = p.run("lock");
        assertEquals(0, lock.exitCode(), lock.err());
        GoldenFile.assertMatches("lock/registry-changed", lock.out());
    }

    @Test
    void aLockfileFromAnotherRegistryFailsTheCheck() throws IOException {
        TestProject p = TestProject.in(temp).publish("a 1.0.0").manifest("a ^1");
        assertEquals(0, p.run("lock").exitCode());
        Files.writeString(p.registry().resolve("registry.json"), "{\"format\": 1, \"name\": \"mirror\"}\n");
        CliRunner.Result check = p.run("lock", "--check");
        assertEquals(3, check.exitCode());
        assertTrue(check.err().contains("  `a@1.0.0` was locked from registry `tiny`, not `mirror`\n"), check.err());
    }

    @Test
    void addingADependencyMovesNothingElse() {
        TestProject p = TestProject.in(temp).publish("a 1.0.0 -> shared ^1", "shared 1.0.0", "c 1.0.0 -> shared ^1.0")
                .manifest("a ^1");
        assertEquals(0, p.run("lock").exitCode());
        // Newer versions appear, then a dependency is added: only what is new gets locked.
        p.publish("a 1.1.0 -> shared ^1", "shared 1.2.0", "c 1.1.0 -> shared ^1.0", "c 1.2.0 -> shared ^1.2")
                .manifest("a ^1; c ^1");
        CliRunner.Result r = p.run("lock");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("lock/add-dependency", r.out());
        // c 1.2.0 would move `shared`; the newest c that leaves it alone is 1.1.0.
        assertEquals(List.of(PackageId.of("a", "1.0.0"), PackageId.of("c", "1.1.0"),
                PackageId.of("shared", "1.0.0")), LockfileReader.read(p.lockfilePath()).ids());
        // From scratch, everything would be newest.
        assertEquals(0, p.run("update").exitCode());
        assertEquals(List.of(PackageId.of("a", "1.1.0"), PackageId.of("c", "1.2.0"),
                PackageId.of("shared", "1.2.0")), LockfileReader.read(p.lockfilePath()).ids());
    }

    @Test
    void tighteningAndDroppingRequirementsSayWhy() {
        TestProject p = TestProject.in(temp).publish("http 1.2.0 -> tls ^1", "http 1.3.0 -> tls ^2", "tls 1.0.0",
                "tls 2.1.0", "log 0.4.1").manifest("http >=1.2 <1.3; log ^0.4");
        assertEquals(0, p.run("lock").exitCode());
        p.manifest("http ^1.3");
        CliRunner.Result r = p.run("lock", "--json");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("lock/tighten-json", r.out());
    }

    @Test
    void noSolutionLeavesTheLockfileAlone() throws IOException {
        TestProject p = TestProject.in(temp).publish("a 1.0.0").manifest("a ^1");
        assertEquals(0, p.run("lock").exitCode());
        String before = p.lockfile();
        p.manifest("a ^2");
        CliRunner.Result r = p.run("lock");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("error: no selection of versions satisfies"), r.err());
        assertEquals(before, p.lockfile());
    }

    @Test
    void aMalformedLockfileIsInvalidInput() throws IOException {
        TestProject p = TestProject.in(temp).publish("a 1.0.0").manifest("a ^1");
        Files.writeString(p.lockfilePath(), "{\"lockfile\": 1}");
        CliRunner.Result r = p.run("lock", "--check", "--json");
        assertEquals(2, r.exitCode());
        assertEquals("invalid-lockfile", Json.mapper().readTree(r.out()).get("error").get("code").asText());
    }

    @Test
    void lockRegeneratesAMalformedLockfileWithAWarning() throws IOException {
        TestProject p = TestProject.in(temp).publish("a 1.0.0").manifest("a ^1");
        Files.writeString(p.lockfilePath(), "<<<<<<< HEAD\n");
        CliRunner.Result r = p.run("lock");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("warning: ignoring `cocoatly-lock.json`, which cannot be used ($: "), r.err());
        assertTrue(r.err().endsWith("; it is regenerated from scratch\n"), r.err());
        assertEquals("+ a 1.0.0 (manifest requires a ^1)\nLocked 1 package in cocoatly-lock.json (optimum proven).\n",
                r.out());
        assertEquals(0, p.run("lock", "--check").exitCode());
    }


    private static PackageId id(String name) {
        return PackageId.of(name, "1.0.0");
    }
}
