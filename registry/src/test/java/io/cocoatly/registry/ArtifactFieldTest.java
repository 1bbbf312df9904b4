package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageName;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code artifact} of a release: read when valid, rejected with a path when not. */
class ArtifactFieldTest {

    private static final String SHA256 = "ab".repeat(32);
    private static final String SIGNATURE = Base64.getEncoder().encodeToString(new byte[64]);

    @TempDir
    Path dir;

    private Optional<Artifact> artifact(String json) {
        String index = "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\", \"artifact\": " + json + "}]}";
        return TempRegistry.in(dir).index("http", index).open()
                .find(PackageName.of("http")).orElseThrow().releases().get(0).artifact();
    }

    /** The problem of a release whose artifact is {@code json}: it is left out, the package kept. */
    private String problem(String json) {
        String index = "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\", \"artifact\": " + json + "}]}";
        FileRegistry registry = TempRegistry.in(dir).index("http", index).open();
        assertEquals(List.of(), registry.find(PackageName.of("http")).orElseThrow().releases());
        LeftOutRelease entry = registry.leftOut().get(0);
        return entry.jsonPath() + ": " + entry.problem();
    }

    @Test
    void readsAFullArtifact() {
        Artifact a = artifact("{\"url\": \"artifacts/http/http-1.0.0.tar.gz\", \"size\": 1234, \"checksums\": {\"sha256\": \""
                + SHA256 + "\", \"md6\": \"00\"}, \"signature\": {\"key\": \"alice-2026\", \"ed25519\": \"" + SIGNATURE + "\"}}")
                .orElseThrow();
        assertEquals(new Artifact("artifacts/http/http-1.0.0.tar.gz", 1234, Map.of("sha256", SHA256, "md6", "00"),
                Optional.of(new Artifact.Signature("alice-2026", SIGNATURE))), a);
    }

    @Test
    void releasesWithoutArtifactHaveNone() {
        String index = "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\"}]}";
        assertEquals(Optional.empty(), TempRegistry.in(dir).index("http", index).open()
                .find(PackageName.of("http")).orElseThrow().releases().get(0).artifact());
    }

    @Test
    void rejectsBadFields() {
        assertEquals("$.versions[0].artifact: missing required key `url`", problem("{}"));
        assertEquals("$.versions[0].artifact.size: size must not be negative: -1",
                problem("{\"url\": \"a.tgz\", \"size\": -1, \"checksums\": {}}"));
        assertEquals("$.versions[0].artifact.size: expected an integer, found a number",
                problem("{\"url\": \"a.tgz\", \"size\": 1.5, \"checksums\": {}}"));
        assertEquals("$.versions[0].artifact.size: integer out of range: 99999999999999999999",
                problem("{\"url\": \"a.tgz\", \"size\": 99999999999999999999, \"checksums\": {}}"));
        assertEquals("$.versions[0].artifact.checksums: no checksum this client can verify",
                problem("{\"url\": \"a.tgz\", \"size\": 1, \"checksums\": {\"md6\": \"00\"}}"));
        assertEquals("$.versions[0].artifact.checksums.sha256: a sha256 digest has 64 hex digits, found 2",
                problem("{\"url\": \"a.tgz\", \"size\": 1, \"checksums\": {\"sha256\": \"00\"}}"));
        assertEquals("$.versions[0].artifact.checksums.sha256: expected a lowercase hexadecimal digest: `"
                        + SHA256.toUpperCase() + "`",
                problem("{\"url\": \"a.tgz\", \"size\": 1, \"checksums\": {\"sha256\": \"" + SHA256.toUpperCase() + "\"}}"));
        assertEquals("$.versions[0].artifact.signature.ed25519: an Ed25519 signature has 64 bytes, found 3",
                problem("{\"url\": \"a.tgz\", \"size\": 1, \"checksums\": {\"sha256\": \"" + SHA256
                        + "\"}, \"signature\": {\"key\": \"k\", \"ed25519\": \"AAAA\"}}"));
    }
}
