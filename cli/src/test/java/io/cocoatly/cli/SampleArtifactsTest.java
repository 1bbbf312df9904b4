package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.artifact.ArchiveExtractor;
import io.cocoatly.artifact.ArtifactVerifier;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.artifact.ExtractionLimits;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.artifact.VerificationPolicy;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.Manifests;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.testkit.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample registry's artifacts are real: each one verifies with the committed test key and
 * unpacks to the package the index describes, and the committed files are exactly what
 * {@code testdata/make-sample-registry.sh} builds from {@code testdata/packages}.
 */
class SampleArtifactsTest {

    private static final Path REPO = TestData.repo();
    private static final Path REGISTRY = REPO.resolve("testdata/registry");

    @TempDir
    Path dir;

    private static List<Release> releases(FileRegistry registry) {
        List<Release> all = new ArrayList<>();
        for (PackageName name : registry.packageNames()) {
            all.addAll(registry.find(name).orElseThrow().releases());
        }
        return all;
    }

    @Test
    void everyArtifactVerifiesWithTheSampleKeyAndHoldsItsRelease() throws IOException {
        Ed25519PublicKey key = Ed25519PublicKey.read(REPO.resolve("testdata/keys/sample.pub"));
        ArtifactVerifier verifier = new ArtifactVerifier(new VerificationPolicy(EnumSet.allOf(DigestAlgorithm.class),
                true, TrustedKeys.of(List.of(key))));
        ArchiveExtractor extractor = new ArchiveExtractor(ExtractionLimits.defaults());
        List<Release> releases = releases(FileRegistry.open(REGISTRY));
        assertEquals(99, releases.size());
        int n = 0;
        for (Release release : releases) {
            Artifact artifact = release.artifact().orElseThrow(() -> new AssertionError(release.id() + " has no artifact"));
            assertEquals(RegistryEditor.artifactPath(release.id()), artifact.url());
            Path file = REGISTRY.resolve(artifact.url());
            Checksums expected = verifier.checkMetadata(release.id(), artifact);
            verifier.checkContent(release.id(), artifact.size(), expected, Files.size(file),
                    Checksums.of(file, EnumSet.allOf(DigestAlgorithm.class)));

            Path staging = Files.createDirectories(dir.resolve("x" + n++));
            extractor.extract(release.id(), file, staging);
            Manifest manifest = Manifests.read(staging.resolve(Manifests.FILE_NAME));
            assertEquals(release.id(), manifest.id());
            assertEquals(release.dependencies(), manifest.dependencies(), release.id().toString());
            assertTrue(Files.isRegularFile(staging.resolve("README.md")), release.id().toString());
        }
    }

    @Test
    void theCommittedRegistryIsWhatTheSourcesRebuildTo() throws IOException {
        // As the rebuild script does: sign with an owner-only copy of the committed test key.
        Path key = dir.resolve("sample.key");
        Files.copy(REPO.resolve("testdata/keys/sample.key"), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        CliRunner cli = CliRunner.in(dir);
        assertEquals(0, cli.run("registry", "init", "reg", "--name", "sample").exitCode());
        List<Path> sources;
        try (Stream<Path> list = Files.list(REPO.resolve("testdata/packages"))) {
            sources = list.filter(Files::isDirectory).sorted().toList();
        }
        for (Path source : sources) {
            // In name order, as the rebuild script publishes: a dependency may come after its dependents.
            CliRunner.Result r = cli.run("publish", source.toString(), "--registry", "reg", "--key", key.toString(),
                    "--allow-missing");
            assertEquals(0, r.exitCode(), r.err());
        }
        for (String line : Files.readAllLines(REPO.resolve("testdata/packages/yanked.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            assertEquals(0, cli.run("yank", parts[0], parts[1], "--registry", "reg").exitCode());
        }
        for (String sub : List.of("index", "artifacts")) {
            Map<String, byte[]> committed = PublishFixture.files(REGISTRY.resolve(sub));
            Map<String, byte[]> rebuilt = PublishFixture.files(dir.resolve("reg").resolve(sub));
            assertEquals(committed.keySet(), rebuilt.keySet(), sub);
            for (String name : committed.keySet()) {
                assertArrayEquals(committed.get(name), rebuilt.get(name),
                        sub + "/" + name + " differs from a rebuild: run testdata/make-sample-registry.sh");
            }
        }
    }
}
