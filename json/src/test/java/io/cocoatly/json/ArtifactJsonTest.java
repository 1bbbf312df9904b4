package io.cocoatly.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.InvalidFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One artifact form for index and lockfile; only the lockfile refuses keys it does not know. */
class ArtifactJsonTest {

    private static final String SHA256 = "ab".repeat(32);
    private static final String SIGNATURE = Base64.getEncoder().encodeToString(new byte[64]);

    private static JsonCursor parse(String json) {
        return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), Path.of("f.json"), "c");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        Artifact artifact = new Artifact("artifacts/http-1.0.0.tar.gz", 1234, Map.of("sha256", SHA256, "md6", "00"),
                Optional.of(new Artifact.Signature("alice-2026", SIGNATURE)));
        JsonObject node = JsonObject.create();
        ArtifactJson.write(node, artifact);
        JsonCursor back = StrictJson.parse(node.canonicalBytes(), Path.of("f.json"), "c");
        assertEquals(artifact, ArtifactJson.read(back));
        assertEquals(artifact, ArtifactJson.readStrictly(back));
    }

    @Test
    void onlyTheStrictReaderRefusesUnknownKeys() {
        String json = "{\"url\": \"a.tgz\", \"size\": 1, \"checksums\": {\"sha256\": \"" + SHA256 + "\"}, "
                + "\"signature\": {\"key\": \"k\", \"ed25519\": \"" + SIGNATURE + "\", \"note\": \"x\"}}";
        assertEquals("k", ArtifactJson.read(parse(json)).signature().orElseThrow().key());
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ArtifactJson.readStrictly(parse(json)));
        assertEquals("$.signature: unknown key `note`", e.jsonPath() + ": " + e.problem());
        assertEquals("known keys here are `ed25519`, `key`", e.hints().get(0));
    }

    @Test
    void aDigestThisClientCannotVerifyIsNotEnough() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> ArtifactJson.read(parse("{\"url\": \"a\", \"size\": 0, \"checksums\": {\"md6\": \"00\"}}")));
        assertEquals("$.checksums: no checksum this client can verify", e.jsonPath() + ": " + e.problem());
        assertEquals("give at least one of `blake3`, `sha256` and `sha512`", e.hints().get(0));
    }
}
