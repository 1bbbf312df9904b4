package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.artifact.ArchiveExtractor;
import io.cocoatly.artifact.ArtifactVerifier;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.ExtractedFile;
import io.cocoatly.artifact.ExtractionLimits;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.artifact.VerificationException;
import io.cocoatly.artifact.VerificationPolicy;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed test registry: its artifacts verify and unpack, its index reads, its lockfiles are ordered. */
class TestRegistryTest {

    @TempDir
    Path dir;

    private ArtifactVerifier verifier(TestRegistry registry) {
        return new ArtifactVerifier(new VerificationPolicy(EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.BLAKE3),
                true, TrustedKeys.of(List.of(registry.key().publicKey()))));
    }

    private static void verify(ArtifactVerifier verifier, Path root, LockedPackage p) throws IOException {
        Artifact artifact = p.artifact().orElseThrow();
        Path file = root.resolve(artifact.url());
        Checksums expected = verifier.checkMetadata(p.id(), artifact);
        verifier.checkContent(p.id(), artifact.size(), expected, Files.size(file),
                Checksums.of(file, EnumSet.allOf(DigestAlgorithm.class)));
    }

    @Test
    void anArtifactIsSignedDigestedAndUnpacksToItsFiles() throws IOException {
        TestRegistry registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        LockedPackage a = registry.add("a", "1.2.0", Map.of("a.txt", "hello\n", "lib/deep/x.sh", "echo x\n"));

        assertEquals("artifacts/a-1.2.0.tar.gz", a.artifact().orElseThrow().url());
        assertEquals(TestRegistry.SOURCE, a.source());
        verify(verifier(registry), registry.root(), a);
        Path staging = Files.createDirectories(dir.resolve("staging"));
        List<String> files = new ArchiveExtractor(ExtractionLimits.defaults())
                .extract(a.id(), registry.root().resolve(a.artifact().get().url()), staging).files().stream()
                .filter(f -> f.kind() == ExtractedFile.Kind.FILE).map(ExtractedFile::path).sorted().toList();
        assertEquals(List.of("a.txt", "lib/deep/x.sh"), files);
        assertEquals("echo x\n", Files.readString(staging.resolve("lib/deep/x.sh")));
    }

    @Test
    void aTamperedArtifactKeepsItsSizeAndFailsVerification() throws IOException {
        TestRegistry registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        LockedPackage a = registry.add("a", "1.0.0");
        Path file = registry.root().resolve(a.artifact().orElseThrow().url());
        long size = Files.size(file);

        registry.tamper("a@1.0.0");

        assertEquals(size, Files.size(file));
        assertThrows(VerificationException.class, () -> verify(verifier(registry), registry.root(), a));
    }

    @Test
    void onlyTheChosenDigestsAreListed() {
        TestRegistry registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")),
                EnumSet.of(DigestAlgorithm.SHA256));

        assertEquals(List.of("sha256"), List.copyOf(registry.add("a", "1.0.0").artifact().orElseThrow().checksums()
                .keySet()));
    }

    @Test
    void anIndexedRegistryIsADirectoryTheRegistryModuleReads() {
        TestRegistry registry = TestRegistry.indexed(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")),
                "local");
        registry.add("b", "1.4.0");
        LockedPackage a = registry.add("a", "1.0.0", "b@1.4.0");

        FileRegistry read = FileRegistry.open(registry.root());
        assertEquals("local", read.name());
        assertEquals("local", a.source());
        assertEquals(List.of(PackageName.of("a"), PackageName.of("b")), read.packageNames());
        Release release = read.find(PackageName.of("a")).orElseThrow().releases().get(0);
        assertEquals(PackageId.of("a", "1.0.0"), release.id());
        assertEquals(List.of(Dependency.parse("b", "^1.4.0")), release.dependencies());
        assertEquals(a.artifact(), release.artifact());
    }

    @Test
    void aLockfileInstallsDependenciesFirst() {
        TestRegistry registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        registry.add("a", "1.0.0", "b@2.0.0", "c@1.0.0");
        registry.add("b", "2.0.0", "c@1.0.0");
        registry.add("c", "1.0.0");

        Lockfile lockfile = registry.lockfile("a@1.0.0", "b@2.0.0", "c@1.0.0");

        assertEquals(List.of(List.of(PackageId.of("c", "1.0.0")), List.of(PackageId.of("b", "2.0.0")),
                List.of(PackageId.of("a", "1.0.0"))), lockfile.installOrder());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.lockfile("a@1.0.0"));
        assertEquals("no install order: a dependency is missing or in a cycle among [a@1.0.0]", e.getMessage());
    }

    @Test
    void idsAreNameAtVersion() {
        assertEquals(PackageId.of("tls", "2.0.0-rc.1"), TestRegistry.parse("tls@2.0.0-rc.1"));
        assertThrows(IllegalArgumentException.class, () -> TestRegistry.parse("tls"));
        TestRegistry registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        registry.add("a", "1.0.0");
        assertEquals("no package a@2.0.0 was added to " + registry.root(),
                assertThrows(IllegalArgumentException.class, () -> registry.get("a@2.0.0")).getMessage());
    }
}
