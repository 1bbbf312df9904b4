package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Ed25519Keys;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import io.cocoatly.testkit.GoldenFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An artifact whose digest and signature are right but whose archive is not one whole tar: the
 * install refuses it as documented (exit 4, {@code unsafe-archive}, rule {@code malformed-archive})
 * and installs nothing; an archive in several gzip members installs whole.
 */
class MalformedArtifactInstallTest {

    @TempDir
    Path dir;

    private Path registry;
    private Ed25519SigningKey key;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        registry = dir.resolve("registry");
        key = Ed25519SigningKey.read(Ed25519Keys.generate(dir.resolve("keys")).privateKeyFile());
        Files.createDirectories(registry.resolve("index"));
        Files.writeString(registry.resolve("registry.json"), "{\"format\": 1, \"name\": \"local\"}");
        Path home = Files.createDirectories(dir.resolve("home"));
        InstallFixture.trust(home, key.publicKey().base64());
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("cocoatly.json"),
                "{\"name\": \"app\", \"version\": \"0.1.0\", \"dependencies\": {\"a\": \"^1.0\"}}");
        cli = new CliRunner(project, Map.of("COLUMNS", "100", "COCOATLY_HOME", home.toString(), "HOME", dir.toString()));
    }

    @Test
    void aBrokenHeaderChecksumIsRefusedAndNothingIsInstalled() throws IOException {
        // Entries are sorted: `a.txt` (header and one data block), then `bin/` at 1024, whose name
        // gets one flipped bit.
        publish(tar -> {
            byte[] copy = tar.clone();
            copy[1024] ^= 0x01;
            return gzip(copy);
        });

        CliRunner.Result r = cli.run("install", "--quiet", "--registry", registry.toString());

        assertEquals(4, r.exitCode(), r.err());
        GoldenFile.assertMatches("install/malformed-archive", r.err());
        assertFalse(Files.exists(dir.resolve("project/.cocoatly/packages/a")));
        assertFalse(Files.exists(dir.resolve("project/.cocoatly/state.json")));

        CliRunner.Result json = cli.run("install", "--json", "--registry", registry.toString());
        assertEquals(4, json.exitCode());
        JsonNode error = Json.mapper().readTree(json.out()).get("error");
        assertEquals("unsafe-archive", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("breaks rule `malformed-archive`"), json.out());
    }

    @Test
    void anArchiveInSeveralGzipMembersInstallsWhole() throws IOException {
        // Cut before `bin/a`'s header (after `a.txt` and `bin/`): a reader that stops after the first
        // member installs the package without `bin/a`, and `verify` then passes.
        publish(tar -> concat(gzip(Arrays.copyOf(tar, 1536)), gzip(Arrays.copyOfRange(tar, 1536, tar.length))));

        CliRunner.Result r = cli.run("install", "--quiet", "--registry", registry.toString());

        assertEquals(0, r.exitCode(), r.err());
        Path installed = dir.resolve("project/.cocoatly/packages/a/1.0.0");
        assertEquals("a 1.0.0\n", Files.readString(installed.resolve("a.txt")));
        assertEquals("#!/bin/sh\necho a\n", Files.readString(installed.resolve("bin/a")));
        assertEquals(0, cli.run("verify", "--project").exitCode());
    }

    /** Packs package `a`, rewrites its tar stream with {@code rewrite}, then hashes and signs the result. */
    private void publish(UnaryOperator<byte[]> rewrite) throws IOException {
        Path tree = dir.resolve("src/a");
        Files.createDirectories(tree.resolve("bin"));
        Files.writeString(tree.resolve("bin/a"), "#!/bin/sh\necho a\n");
        Files.writeString(tree.resolve("a.txt"), "a 1.0.0\n");
        Path packed = dir.resolve("a.tar.gz");
        ArchivePacker.pack(tree, packed);
        byte[] tar;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(packed))) {
            tar = in.readAllBytes();
        }
        String url = "artifacts/a-1.0.0.tar.gz";
        Path artifact = Files.write(Files.createDirectories(registry.resolve("artifacts")).resolve("a-1.0.0.tar.gz"),
                rewrite.apply(tar));
        String sha = Checksums.of(artifact, EnumSet.of(DigestAlgorithm.SHA256)).get(DigestAlgorithm.SHA256).orElseThrow();
        Artifact.Signature sig = Signatures.sign(key, PackageId.of("a", "1.0.0"), sha);
        Files.writeString(registry.resolve("index/a.json"), "{\"name\": \"a\", \"versions\": [{\"version\": \"1.0.0\", "
                + "\"dependencies\": {}, \"artifact\": {\"url\": \"" + url + "\", \"size\": " + Files.size(artifact)
                + ", \"checksums\": {\"sha256\": \"" + sha + "\"}, \"signature\": {\"key\": \"" + sig.key()
                + "\", \"ed25519\": \"" + sig.ed25519() + "\"}}}]}");
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
