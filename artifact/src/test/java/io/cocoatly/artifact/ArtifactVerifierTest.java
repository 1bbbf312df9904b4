package io.cocoatly.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks made before and after the bytes arrive, and the retry timing rules. */
class ArtifactVerifierTest {

    private static final PackageId ID = PackageId.of("demo", "2.0.0");
    private static final String SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String BLAKE3 = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";

    @Test
    void everyRequiredDigestMustBeNamed() {
        ArtifactVerifier verifier = new ArtifactVerifier(new VerificationPolicy(
                EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.BLAKE3), false, TrustedKeys.none()));
        Artifact onlySha = new Artifact("x", 0, Map.of("sha256", SHA256), Optional.empty());

        VerificationException e = assertThrows(VerificationException.class, () -> verifier.checkMetadata(ID, onlySha));
        assertEquals("missing-checksum", e.code());
        assertEquals("`demo@2.0.0` failed verification: the artifact names no blake3 digest", e.getMessage());
    }

    @Test
    void aDigestWeCannotComputeIsRefusedRatherThanIgnored() {
        Artifact withMd5 = new Artifact("x", 0, Map.of("sha256", SHA256, "md5", "d41d8cd98f00b204e9800998ecf8427e"),
                Optional.empty());
        VerificationException e = assertThrows(VerificationException.class,
                () -> new ArtifactVerifier(VerificationPolicy.checksumsOnly()).checkMetadata(ID, withMd5));
        assertEquals("unsupported-checksum", e.code());
    }

    @Test
    void sizeAndEveryNamedDigestAreCompared() {
        ArtifactVerifier verifier = new ArtifactVerifier(VerificationPolicy.checksumsOnly());
        Checksums expected = verifier.checkMetadata(ID, new Artifact("x", 0, Map.of("sha256", SHA256, "blake3", BLAKE3),
                Optional.empty()));
        Checksums actual = Checksums.of(java.nio.file.Path.of("/dev/null"), EnumSet.allOf(DigestAlgorithm.class));
        verifier.checkContent(ID, 0, expected, 0, actual);

        assertEquals("size-mismatch", assertThrows(VerificationException.class,
                () -> verifier.checkContent(ID, 1, expected, 0, actual)).code());
        Checksums badBlake = new Checksums(Map.of(DigestAlgorithm.SHA256, SHA256, DigestAlgorithm.BLAKE3,
                BLAKE3.replace('a', 'b')));
        VerificationException e = assertThrows(VerificationException.class,
                () -> verifier.checkContent(ID, 0, expected, 0, badBlake));
        assertEquals("checksum-mismatch", e.code());
        assertTrue(e.getMessage().contains("blake3 mismatch: expected " + BLAKE3), e.getMessage());
    }
}
