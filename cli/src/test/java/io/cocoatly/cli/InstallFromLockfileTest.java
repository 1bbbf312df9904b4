package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.LockedSource;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.testkit.FileServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code install} from the lockfile alone: format 2 records each artifact's URL, so no registry is
 * needed, and none given can redirect the downloads; format 1 still resolves against the one given.
 */
class InstallFromLockfileTest {

    private static final String LOCKED = "Locked 15 packages in cocoatly-lock.json (optimum proven).\n";

    @TempDir
    Path dir;

    private SampleProject p;

    @BeforeEach
    void lock() {
        p = SampleProject.in(dir);
        CliRunner.Result lock = p.run("lock", "--registry", p.registry().toString());
        assertEquals(0, lock.exitCode(), lock.err());
    }

    /** Where the registry was when it was locked: its directory as a file URL, ending in {@code /}. */
    private String registryUrl() {
        String url = p.registry().toUri().toString();
        return url.endsWith("/") ? url : url + "/";
    }

    @Test
    void theLockfileRecordsTheRegistryAndAbsoluteArtifactUrls() {
        Lockfile lockfile = p.lockfile();
        assertEquals(Lockfile.FORMAT, lockfile.format());
        assertEquals(List.of(LockedSource.of("sample", p.registry().toUri())), lockfile.sources());
        assertTrue(registryUrl().startsWith("file:///") && registryUrl().endsWith("/registry/"), registryUrl());
        for (LockedPackage pkg : lockfile.packages()) {
            assertEquals("sample", pkg.source());
            assertEquals(registryUrl() + "artifacts/" + pkg.name() + "/" + pkg.id().name() + "-" + pkg.version() + ".tar.gz",
                    pkg.artifact().orElseThrow().url());
        }
    }

    @Test
    void installNeedsNoRegistryAndNoIndex() throws IOException {
        // Nothing left to resolve against: no registry.json, no index; only the artifacts stay.
        Files.delete(p.registry().resolve("registry.json"));
        SampleProject.deleteTree(p.registry().resolve("index"));

        CliRunner.Result install = p.run("install");
        assertEquals(0, install.exitCode(), install.err());
        assertTrue(install.out().startsWith("+ bytes 1.2.0\n+ cli 3.2.0\n"), install.out());
        assertTrue(install.out().contains("Installed 15 packages (15 downloaded, "), install.out());
        assertFalse(install.err().contains("wrote cocoatly-lock.json"), "nothing was locked: " + install.err());
        assertEquals(0, p.run("verify").exitCode());
    }

    @Test
    void artifactsComeFromTheUrlsTheLockfileRecordsHereOverHttp() throws IOException {
        String locked = registryUrl();
        Path served = Files.move(p.registry(), dir.resolve("served"));
        try (FileServer server = FileServer.of(served)) {
            Files.writeString(p.lockfilePath(), SampleProject.read(p.lockfilePath()).replace(locked,
                    server.uri().toString()));
            assertEquals(server.uri(), p.lockfile().sources().get(0).url());

            CliRunner.Result install = p.run("install");
            assertEquals(0, install.exitCode(), install.err());
            assertTrue(install.out().contains("Installed 15 packages (15 downloaded, "), install.out());
            assertEquals(15, server.requests());
        }
    }

    @Test
    void aMovedRegistryIsNotWhereTheLockfileSaysUntilLockRecordsItsNewLocation() throws IOException {
        Path old = p.registry();
        Path moved = Files.move(old, dir.resolve("moved"));

        // The registry given now does not redirect downloads the lockfile pinned.
        CliRunner.Result install = p.run("install", "--registry", moved.toString());
        assertEquals(4, install.exitCode());
        assertTrue(install.err().contains("no such file: " + old.resolve("artifacts")), install.err());
        assertFalse(Files.exists(p.stateFile()), "nothing installed");

        // Still the same registry for the check (sources are identified by name)...
        assertEquals(0, p.run("lock", "--check", "--registry", moved.toString()).exitCode());
        // ...and `lock` records where it is now, changing no package.
        CliRunner.Result relock = p.run("lock", "--registry", moved.toString());
        assertEquals("No package changed. " + LOCKED, relock.out());
        assertEquals(moved.toUri(), p.lockfile().sources().get(0).url());
        CliRunner.Result again = p.run("install");
        assertEquals(0, again.exitCode(), again.err());
    }

    @Test
    void aFormat1LockfileResolvesAgainstTheRegistryGivenAndLockRewritesItAsFormat2() throws IOException {
        byte[] format2 = Files.readAllBytes(p.lockfilePath());
        p.downgradeToFormat1();
        assertEquals(1, p.lockfile().format());
        assertEquals("artifacts/bytes/bytes-1.2.0.tar.gz", p.lockfile().packages().get(0).artifact().orElseThrow().url());

        CliRunner.Result bare = p.run("install", "--json");
        JsonNode error = Json.mapper().readTree(bare.out()).get("error");
        assertEquals("no-registry", error.get("code").asText(), bare.out());
        assertEquals("or run `cocoatly lock` to rewrite the lockfile as format 2, which records where every artifact is",
                error.get("hints").get(1).asText());
        assertFalse(Files.exists(p.stateFile()));

        CliRunner.Result given = p.run("install", "--registry", p.registry().toString());
        assertEquals(0, given.exitCode(), given.err());
        assertEquals(1, p.lockfile().format(), "install never rewrites a current lockfile");

        // Otherwise current: the check passes; the next `lock` upgrades it, changing no package.
        CliRunner.Result check = p.run("lock", "--check", "--registry", p.registry().toString());
        assertEquals(0, check.exitCode(), check.err());
        CliRunner.Result lock = p.run("lock", "--registry", p.registry().toString());
        assertEquals("No package changed. " + LOCKED, lock.out());
        assertEquals(new String(format2), SampleProject.read(p.lockfilePath()));
    }
}
