package io.cocoatly.artifact;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks an artifact passes before any of it is used, in two steps: {@link #checkMetadata}
 * before the download (digests named, signature over name, version and sha256), and
 * {@link #checkContent} on the downloaded bytes (size and every named digest).
 */
public final class ArtifactVerifier {

    private final VerificationPolicy policy;

    /** A verifier applying {@code policy}; it holds no other state and may be shared. */
    public ArtifactVerifier(VerificationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The policy applied. */
    public VerificationPolicy policy() {
        return policy;
    }

    /**
     * Checks what can be checked without the bytes: every named digest is one we can compute, the
     * required ones are there, and the signature is valid. A signature is always verified when its
     * key is trusted, even if signatures are not required; an unknown key is only an error when they are.
     *
     * @return the digests the artifact names, to be compared with the downloaded bytes
     * @throws VerificationException naming the package and the failed check
     */
    public Checksums checkMetadata(PackageId id, Artifact artifact) {
        Checksums expected = expectedChecksums(id, artifact);
        for (DigestAlgorithm required : policy.requiredDigests()) {
            if (expected.get(required).isEmpty()) {
                throw new VerificationException("missing-checksum", id, "the artifact names no " + required + " digest",
                        List.of("the lockfile or index entry must list a `" + required + "` checksum",
                                "`security.checksum` lists the digests that are required"));
            }
        }
        if (artifact.signature().isEmpty()) {
            if (policy.requireSignatures()) {
                throw new VerificationException("missing-signature", id, "the artifact is not signed",
                        List.of("signatures are required (`security.require_signatures`)"));
            }
            return expected;
        }
        Artifact.Signature signature = artifact.signature().get();
        boolean trusted = policy.trustedKeys().find(signature.key()).isPresent();
        if (trusted || policy.requireSignatures()) {
            String sha256 = expected.get(DigestAlgorithm.SHA256).orElseThrow(() -> new VerificationException(
                    "missing-checksum", id, "the artifact is signed but names no sha256 digest",
                    List.of("a signature covers the sha256 digest, which must be listed")));
            Signatures.verify(id, sha256, signature, policy.trustedKeys());
        }
        return expected;
    }

    /**
     * Compares the downloaded bytes' size and digests with the expected ones.
     *
     * @param actual digests of the bytes, at least every algorithm in {@code expected}
     * @throws VerificationException {@code size-mismatch} or {@code checksum-mismatch}
     */
    public void checkContent(PackageId id, long expectedSize, Checksums expected, long actualSize, Checksums actual) {
        if (actualSize != expectedSize) {
            throw new VerificationException("size-mismatch", id,
                    "expected " + expectedSize + " bytes, got: " + actualSize,
                    List.of("the artifact on the server differs from the one in the lockfile"));
        }
        for (Map.Entry<DigestAlgorithm, String> e : expected.values().entrySet()) {
            String got = actual.get(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "no " + e.getKey() + " digest computed"));
            if (!got.equals(e.getValue())) {
                throw new VerificationException("checksum-mismatch", id, e.getKey() + " mismatch: expected "
                        + e.getValue() + ", got: " + got,
                        List.of("the artifact was changed or corrupted after the lockfile was written; do not install it"));
            }
        }
    }

    private static Checksums expectedChecksums(PackageId id, Artifact artifact) {
        if (artifact.checksums().isEmpty()) {
            throw new VerificationException("missing-checksum", id, "the artifact names no digest",
                    List.of("an artifact must list at least a sha256 checksum"));
        }
        for (String name : artifact.checksums().keySet()) {
            if (DigestAlgorithm.find(name).isEmpty()) {
                throw new VerificationException("unsupported-checksum", id, "unknown digest algorithm: `" + name + "`",
                        List.of("every digest an artifact names is checked; supported are sha256, sha512 and blake3"));
            }
        }
        try {
            return Checksums.parse(artifact.checksums());
        } catch (io.cocoatly.model.CocoatlyException e) {
            throw new VerificationException("invalid-checksum", id, e.getMessage(), e.hints());
        }
    }
}
