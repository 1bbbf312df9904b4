package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.artifact.ArchiveExtractor;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.artifact.ExtractedFile;
import io.cocoatly.artifact.ExtractionLimits;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.artifact.VerificationException;
import io.cocoatly.config.Home;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishCommandTest {

    @TempDir
    Path dir;

    private Path key;
    private Ed25519PublicKey publicKey;

    private CliRunner.Result run(String... args) {
        return CliRunner.in(dir).run(args);
    }

    @BeforeEach
    void keyAndRegistry() {
        assertEquals(0, run("keygen", "--out", "keys").exitCode());
        key = dir.resolve("keys/cocoatly.key");
        publicKey = Ed25519PublicKey.read(dir.resolve("keys/cocoatly.pub"));
        assertEquals(0, run("registry", "init", "reg", "--name", "team").exitCode());
    }

    private CliRunner.Result publish(String path, String registry) {
        return run("publish", path, "--registry", registry, "--key", key.toString());
    }

    /** A publish whose dependencies the registry does not have: the archive, not the check, is under test. */
    private CliRunner.Result publishAllowingMissing(String path, String registry) {
        return run("publish", path, "--registry", registry, "--key", key.toString(), "--allow-missing");
    }

    @Test
    void publishesASignedVerifiableArtifactAndItsIndexEntry() throws IOException {
        PublishFixture.packageDir(dir.resolve("http"), "http", "1.2.0", "\"tls\": \"^2.0\", \"log\": \">=0.4, <0.6\"");
        CliRunner.Result r = publishAllowingMissing("http", "reg");
        assertEquals(0, r.exitCode(), r.err());

        Release release = FileRegistry.open(dir.resolve("reg")).find(PackageName.of("http")).orElseThrow()
                .releases().get(0);
        assertEquals(PackageId.of("http", "1.2.0"), release.id());
        assertEquals(List.of(Dependency.parse("log", ">=0.4, <0.6"), Dependency.parse("tls", "^2.0")),
                release.dependencies());
        assertFalse(release.yanked());
        Artifact artifact = release.artifact().orElseThrow();
        assertEquals("artifacts/http/http-1.2.0.tar.gz", artifact.url());
        Path file = dir.resolve("reg").resolve(artifact.url());
        assertEquals(Files.size(file), artifact.size());
        assertEquals(Checksums.of(file, EnumSet.allOf(DigestAlgorithm.class)).toMap(), artifact.checksums());
        Signatures.verify(release.id(), artifact.checksums().get("sha256"), artifact.signature().orElseThrow(),
                TrustedKeys.of(List.of(publicKey)));
        assertEquals(publicKey.keyId(), artifact.signature().orElseThrow().key());
        // The signature is bound to the name and version, not only to the bytes.
        assertThrows(VerificationException.class, () -> Signatures.verify(PackageId.of("http", "1.2.1"),
                artifact.checksums().get("sha256"), artifact.signature().orElseThrow(),
                TrustedKeys.of(List.of(publicKey))));

        assertEquals("published http@1.2.0 to registry `team`\n"
                + "  artifact: artifacts/http/http-1.2.0.tar.gz (" + artifact.size() + " bytes)\n"
                + "  sha256: " + artifact.checksums().get("sha256") + "\n"
                + "  signed by: " + publicKey.keyId() + "\n", r.out());
    }

    @Test
    void theArchiveHoldsThePackageWithoutHiddenFiles() throws IOException {
        PublishFixture.packageDir(dir.resolve("src"), "tar", "0.4.40", "");
        assertEquals(0, publish("src", "reg").exitCode());
        Files.createDirectories(dir.resolve("staging"));
        List<ExtractedFile> files = new ArchiveExtractor(ExtractionLimits.defaults()).extract(
                PackageId.of("tar", "0.4.40"), dir.resolve("reg/artifacts/tar/tar-0.4.40.tar.gz"),
                dir.resolve("staging")).files();
        assertEquals(List.of("README.md", "bin", "bin/tar", "cocoatly.json", "lib", "lib/tar.sh"),
                files.stream().map(ExtractedFile::path).sorted().toList());
        ExtractedFile script = files.stream().filter(f -> f.path().equals("bin/tar")).findFirst().orElseThrow();
        assertEquals(0755, script.mode());
        assertArrayEquals(Files.readAllBytes(dir.resolve("src/cocoatly.json")),
                Files.readAllBytes(dir.resolve("staging/cocoatly.json")));
    }

    @Test
    void theRegistryAndTheKeyInsideThePackageDirectoryAreLeftOut() throws IOException {
        PublishFixture.packageDir(dir, "app", "0.1.0", "");
        CliRunner.Result r = publish(".", "reg");
        assertEquals(0, r.exitCode(), r.err());
        Files.createDirectories(dir.resolve("staging"));
        List<String> paths = new ArchiveExtractor(ExtractionLimits.defaults()).extract(PackageId.of("app", "0.1.0"),
                dir.resolve("reg/artifacts/app/app-0.1.0.tar.gz"), dir.resolve("staging")).files().stream()
                .map(ExtractedFile::path).sorted().toList();
        assertEquals(List.of("README.md", "bin", "bin/app", "cocoatly.json", "keys", "keys/cocoatly.pub", "lib",
                "lib/app.sh"), paths);
    }

    @Test
    void theSameSourcesGiveTheSameBytesWhereverAndWheneverTheyAre() throws IOException {
        PublishFixture.packageDir(dir.resolve("a/json"), "json", "1.1.0", "\"serde\": \"^1.0\"");
        PublishFixture.packageDir(dir.resolve("b/elsewhere"), "json", "1.1.0", "\"serde\": \"^1.0\"");
        Files.setLastModifiedTime(dir.resolve("b/elsewhere/README.md"), FileTime.fromMillis(86_400_000L));
        assertEquals(0, run("registry", "init", "reg2", "--name", "team").exitCode());
        assertEquals(0, publishAllowingMissing("a/json", "reg").exitCode());
        assertEquals(0, publishAllowingMissing("b/elsewhere", "reg2").exitCode());
        Map<String, byte[]> one = PublishFixture.files(dir.resolve("reg"));
        Map<String, byte[]> two = PublishFixture.files(dir.resolve("reg2"));
        one.remove(".registry.lock");
        two.remove(".registry.lock");
        assertEquals(List.of("artifacts/json/json-1.1.0.tar.gz", "index/json.json", "names.json", "registry.json"),
                List.copyOf(one.keySet()));
        assertEquals(one.keySet(), two.keySet());
        for (String name : one.keySet()) {
            assertArrayEquals(one.get(name), two.get(name), name);
        }
    }

    @Test
    void republishingIsRefusedAndLeavesNothingBehind() throws IOException {
        PublishFixture.packageDir(dir.resolve("p"), "log", "0.4.2", "");
        assertEquals(0, publish("p", "reg").exitCode());
        Map<String, byte[]> before = PublishFixture.files(dir.resolve("reg"));
        // Changed content under the same version, and the same version with build metadata.
        PublishFixture.write(dir.resolve("p/README.md"), "changed\n");
        CliRunner.Result again = publish("p", "reg");
        assertEquals(4, again.exitCode());
        assertEquals("error: version already published: `log@0.4.2`\n"
                + "hint: a published version never changes; bump the version in `cocoatly.json` and publish that\n"
                + "hint: to withdraw the old one, run `cocoatly yank log 0.4.2 --registry " + dir.resolve("reg") + "`\n",
                again.err());
        PublishFixture.packageDir(dir.resolve("q"), "log", "0.4.2+linux", "");
        CliRunner.Result build = run("publish", "q", "--registry", "reg", "--key", key.toString(), "--json");
        assertEquals(4, build.exitCode());
        assertEquals("version-exists", Json.mapper().readTree(build.out()).get("error").get("code").asText());
        Map<String, byte[]> after = PublishFixture.files(dir.resolve("reg"));
        assertEquals(before.keySet(), after.keySet(), "no orphan artifact or temp file");
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name), after.get(name), name);
        }
    }

    @Test
    void anInvalidManifestIsInvalidInputNamingTheFile() throws IOException {
        PublishFixture.packageDir(dir.resolve("bad"), "x", "1.0", "");
        CliRunner.Result r = publish("bad", "reg");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("error: " + dir.resolve("bad/cocoatly.json") + ": $.version: invalid version `1.0`"),
                r.err());
        assertFalse(Files.exists(dir.resolve("reg/index")));

        Files.createDirectories(dir.resolve("empty"));
        CliRunner.Result none = publish("empty", "reg");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("error: no `cocoatly.json` in `" + dir.resolve("empty") + "`\n"), none.err());
        assertEquals(2, publish("missing", "reg").exitCode());
    }

    @Test
    void keygenAndPublishWithoutPathsUseTheHomesKey() throws IOException {
        Path home = dir.resolve("home");
        CliRunner cli = new CliRunner(dir, Map.of("COCOATLY_HOME", home.toString()));
        PublishFixture.packageDir(dir.resolve("p"), "log", "0.4.2", "");

        CliRunner.Result none = cli.run("publish", "p", "--registry", "reg");
        assertEquals(2, none.exitCode());
        GoldenFile.assertMatches("publish/no-signing-key", none.err().replace(dir.toString(), "<ROOT>"));
        assertFalse(Files.exists(dir.resolve("reg/index/log.json")), "nothing published without a key");

        CliRunner.Result keygen = cli.run("keygen");
        CliRunner.Result published = cli.run("publish", "p", "--registry", "reg");
        assertEquals(0, keygen.exitCode(), keygen.err());
        assertTrue(Files.isRegularFile(home.resolve(Home.MARKER)), "keygen marked the home it wrote in");
        assertEquals(0, published.exitCode(), published.err());
        Ed25519PublicKey homeKey = Ed25519PublicKey.read(home.resolve("keys/cocoatly.pub"));
        assertTrue(published.out().contains("signed by: " + homeKey.keyId()), published.out());
    }

    @Test
    void publishAndYankWithoutRegistryUseTheConfiguredOneAsEveryCommandDoes() throws IOException {
        PublishFixture.packageDir(dir.resolve("p"), "log", "0.4.2", "");
        CliRunner.Result none = run("publish", "p", "--key", key.toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("error: no registry given: `--registry` is not set, nor `COCOATLY_REGISTRY`"),
                none.err());

        CliRunner configured = new CliRunner(dir, Map.of("COCOATLY_REGISTRY", dir.resolve("reg").toString()));
        CliRunner.Result published = configured.run("publish", "p", "--key", key.toString());
        CliRunner.Result yanked = configured.run("yank", "log@0.4.2");

        assertEquals(0, published.exitCode(), published.err());
        assertEquals(0, yanked.exitCode(), yanked.err());
        assertTrue(FileRegistry.open(dir.resolve("reg")).find(PackageName.of("log")).orElseThrow().releases().get(0).yanked());
    }

    @Test
    void aMissingRegistryPointsAtRegistryInit() {
        PublishFixture.packageDir(dir.resolve("p"), "log", "0.4.2", "");
        CliRunner.Result r = publish("p", "nowhere");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("hint: create one with `cocoatly registry init " + dir.resolve("nowhere")
                + " --name NAME`"), r.err());
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    @Test
    void aSymlinkInThePackageIsRefusedNamingTheSourceDirectory() throws IOException {
        PublishFixture.packageDir(dir.resolve("p"), "log", "0.4.2", "");
        Files.createSymbolicLink(dir.resolve("p/lib/link"), Path.of("/etc/passwd"));
        CliRunner.Result r = run("publish", "p", "--registry", "reg", "--key", key.toString(), "--json");
        assertEquals(4, r.exitCode());
        JsonNode error = Json.mapper().readTree(r.out()).get("error");
        assertEquals("unsafe-archive", error.get("code").asText());
        assertTrue(error.get("message").asText().startsWith("refused `" + dir.resolve("p") + "`: entry `lib/link`"),
                error.get("message").asText());
        assertEquals(List.of("names.json", "registry.json"), List.copyOf(PublishFixture.files(dir.resolve("reg")).keySet().stream()
                .filter(n -> !n.equals(".registry.lock")).toList()));
    }

    @Test
    void aPrivateKeyOthersCanReadIsRefused() throws IOException {
        PublishFixture.packageDir(dir.resolve("p"), "log", "0.4.2", "");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CliRunner.Result r = publish("p", "reg");
        assertEquals(4, r.exitCode());
        assertTrue(r.err().startsWith("error: private key file `" + key + "` is accessible by others"), r.err());
    }

    @Test
    void registryInitRefusesAnExistingRegistry() {
        CliRunner.Result r = run("registry", "init", "reg", "--name", "other");
        assertEquals(4, r.exitCode());
        assertEquals("error: a registry already exists at `" + dir.resolve("reg") + "`\n"
                + "hint: publish into it with `cocoatly publish PATH --registry " + dir.resolve("reg") + "`\n", r.err());
        assertEquals("team", FileRegistry.open(dir.resolve("reg")).name());
    }
}
