package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code install --locked} refuses exactly what {@code lock --check} refuses: the same exit code,
 * message and problems, for every kind of hand edit, and the installation stays as it was.
 */
class LockedInstallTest {

    private static final PackageId ITOA = PackageId.of("itoa", "1.0.1");

    @TempDir
    Path dir;

    private SampleProject p;
    private String registry;
    private String state;

    @BeforeEach
    void installTheDemo() {
        p = SampleProject.in(dir);
        registry = p.registry().toString();
        CliRunner.Result install = p.run("install", "--registry", registry);
        assertEquals(0, install.exitCode(), install.err());
        state = SampleProject.read(p.stateFile());
    }

    /** Both commands, in JSON and in text: exit 3, the same error, these problem codes; nothing installed or removed. */
    private void bothRefuse(List<String> codes) throws IOException {
        CliRunner.Result check = p.run("lock", "--check", "--registry", registry, "--json");
        CliRunner.Result install = p.run("install", "--locked", "--registry", registry, "--json");
        assertEquals(3, check.exitCode(), check.out());
        assertEquals(3, install.exitCode(), install.out());
        JsonNode error = Json.mapper().readTree(check.out()).get("error");
        assertEquals(error, Json.mapper().readTree(install.out()).get("error"));
        assertEquals("lockfile-out-of-date", error.get("code").asText());
        List<String> found = new ArrayList<>();
        error.get("problems").forEach(n -> found.add(n.get("code").asText()));
        assertEquals(codes, found);

        CliRunner.Result checkText = p.run("lock", "--check", "--registry", registry);
        CliRunner.Result installText = p.run("install", "--locked", "--registry", registry);
        assertEquals(3, installText.exitCode());
        assertEquals("", installText.out());
        assertEquals(checkText.err(), installText.err());
        assertTrue(installText.err().startsWith("error: `cocoatly-lock.json` is out of date: "), installText.err());
        assertEquals(state, SampleProject.read(p.stateFile()), "the installation is untouched");
    }

    /** {@code packages} with {@code id} replaced by {@code by} (or dropped), dependencies on it following. */
    private static List<LockedPackage> replace(List<LockedPackage> packages, PackageId id, Optional<LockedPackage> by) {
        List<LockedPackage> result = new ArrayList<>();
        for (LockedPackage pkg : packages) {
            if (pkg.id().equals(id)) {
                by.ifPresent(result::add);
                continue;
            }
            List<PackageId> dependencies = new ArrayList<>();
            for (PackageId d : pkg.dependencies()) {
                if (!d.equals(id)) {
                    dependencies.add(d);
                } else {
                    by.ifPresent(b -> dependencies.add(b.id()));
                }
            }
            result.add(new LockedPackage(pkg.id(), pkg.source(), pkg.artifact(), dependencies));
        }
        return result;
    }

    @Test
    void aCurrentLockfileInstallsWithLocked() {
        CliRunner.Result install = p.run("install", "--locked", "--registry", registry);
        assertEquals(0, install.exitCode(), install.err());
        assertEquals("Nothing to do: 15 packages up to date.\n", install.out());
    }

    @Test
    void aPackageRemovedByHand() throws IOException {
        p.editPackages(packages -> replace(packages, ITOA, Optional.empty()));
        bothRefuse(List.of("dependency-unsatisfied"));
        assertTrue(Files.isDirectory(p.project().resolve(".cocoatly/packages/itoa/1.0.1")), "not uninstalled");
    }

    @Test
    void aVersionChangedByHand() throws IOException {
        p.editPackages(packages -> {
            LockedPackage itoa = SampleProject.named(packages, "itoa");
            return replace(packages, ITOA, Optional.of(new LockedPackage(PackageId.of("itoa", "1.0.9"), itoa.source(),
                    itoa.artifact(), itoa.dependencies())));
        });
        bothRefuse(List.of("missing"));
    }

    @Test
    void aChecksumChangedByHand() throws IOException {
        p.editPackages(packages -> {
            LockedPackage itoa = SampleProject.named(packages, "itoa");
            Artifact a = itoa.artifact().orElseThrow();
            Map<String, String> checksums = new TreeMap<>(a.checksums());
            checksums.put("sha256", "0".repeat(64));
            return replace(packages, ITOA, Optional.of(new LockedPackage(ITOA, itoa.source(),
                    Optional.of(new Artifact(a.url(), a.size(), checksums, a.signature())), itoa.dependencies())));
        });
        bothRefuse(List.of("artifact-changed"));
    }

    @Test
    void theManifestChanged() throws IOException {
        Path manifest = p.project().resolve("cocoatly.json");
        Files.writeString(manifest, SampleProject.read(manifest).replace("\"json\": \"^1.0\"", "\"json\": \"^1.1\""));
        bothRefuse(List.of("manifest-changed"));
    }
}
