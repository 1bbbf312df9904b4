package io.cocoatly.cli;

import io.cocoatly.testkit.GoldenFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateCommandTest {

    @TempDir
    Path temp;

    /** A project locked at the old versions, after which newer versions of everything were published. */
    private TestProject lockedThenPublished() {
        TestProject p = TestProject.in(temp).publish("a 1.0.0 -> b ^1", "b 1.0.0", "c 1.0.0", "d 1.0.0 -> e ^1",
                "e 1.0.0").manifest("a *; b *; c ^1; d ^1");
        assertEquals(0, p.run("lock").exitCode());
        p.publish("a 2.0.0 -> b ^2", "b 2.0.0", "c 1.1.0", "d 1.1.0 -> e ^2", "e 2.0.0");
        return p;
    }

    @Test
    void updatingOnePackageMovesItAndOnlyWhatItForces() {
        TestProject p = lockedThenPublished();
        CliRunner.Result r = p.run("update", "a");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("~ a 1.0.0 -> 2.0.0 (update requested)\n"
                + "~ b 1.0.0 -> 2.0.0 (a 2.0.0 requires b ^2)\n"
                + "Locked 5 packages in cocoatly-lock.json (optimum proven).\n", r.out());
        assertEquals(ids("a@2.0.0 b@2.0.0 c@1.0.0 d@1.0.0 e@1.0.0"), lockedIds(p));
    }

    @Test
    void aTransitivePackageCanPullItsDependentAlong() {
        TestProject p = lockedThenPublished();
        CliRunner.Result r = p.run("update", "e");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("update/transitive", r.out());
        assertEquals(ids("a@1.0.0 b@1.0.0 c@1.0.0 d@1.1.0 e@2.0.0"), lockedIds(p));
    }

    @Test
    void updatingEverythingIsAFreshResolution() {
        TestProject p = lockedThenPublished();
        CliRunner.Result r = p.run("update");
        assertEquals(0, r.exitCode(), r.err());
        GoldenFile.assertMatches("update/all", r.out());
        assertEquals(ids("a@2.0.0 b@2.0.0 c@1.1.0 d@1.1.0 e@2.0.0"), lockedIds(p));
        assertEquals("Lockfile is up to date.\n", p.run("update").out());
    }

    @Test
    void aPackageThatCannotMoveStays() {
        TestProject p = TestProject.in(temp).publish("a 1.0.0 -> b ^1", "b 1.0.0").manifest("a ^1; b ^1");
        assertEquals(0, p.run("lock").exitCode());
        p.publish("b 1.1.0 yanked", "b 2.0.0");
        CliRunner.Result r = p.run("update", "b");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("Lockfile is up to date.\n", r.out());
    }

    @Test
    void severalNamesAndJson() throws IOException {
        TestProject p = lockedThenPublished();
        CliRunner.Result r = p.run("update", "c", "a", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode data = Json.mapper().readTree(r.out()).get("data");
        assertEquals(true, data.get("written").asBoolean());
        assertEquals(3, data.get("changes").size());
        assertEquals("c", data.get("changes").get(2).get("name").asText());
        assertEquals("update requested", data.get("changes").get(2).get("reason").asText());
        assertEquals(ids("a@2.0.0 b@2.0.0 c@1.1.0 d@1.0.0 e@1.0.0"), lockedIds(p));
    }

    @Test
    void namesMustBeLocked() throws IOException {
        TestProject p = lockedThenPublished();
        CliRunner.Result r = p.run("update", "zzz", "--json");
        assertEquals(2, r.exitCode());
        JsonNode error = Json.mapper().readTree(r.out()).get("error");
        assertEquals("unknown-package", error.get("code").asText());
        assertEquals("`zzz` is not in `cocoatly-lock.json`", error.get("message").asText());
    }

    @Test
    void withoutALockfileANamedUpdateIsExitThreeAndAPlainOneLocks() {
        TestProject p = TestProject.in(temp).publish("a 1.0.0").manifest("a ^1");
        assertEquals(3, p.run("update", "a").exitCode());
        CliRunner.Result r = p.run("update");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("+ a 1.0.0 (manifest requires a ^1)\nLocked 1 package in cocoatly-lock.json (optimum proven).\n",
                r.out());
    }


    private static List<PackageId> lockedIds(TestProject p) {
        return LockfileReader.read(p.lockfilePath()).ids();
    }

    private static List<PackageId> ids(String text) {
        return Arrays.stream(text.split(" ")).map(s -> PackageId.of(s.split("@")[0], s.split("@")[1])).toList();
    }
}
