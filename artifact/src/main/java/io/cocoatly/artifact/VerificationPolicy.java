package io.cocoatly.artifact;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an artifact must carry to be accepted.
 *
 * @param requiredDigests   digests every artifact must name ({@code security.checksum}); every digest an
 *                          artifact names is checked either way
 * @param requireSignatures refuse unsigned artifacts and signatures from unknown keys
 *                          ({@code security.require_signatures})
 * @param trustedKeys       the keys signatures are checked against ({@code security.trusted_keys})
 */
public record VerificationPolicy(Set<DigestAlgorithm> requiredDigests, boolean requireSignatures,
                                 TrustedKeys trustedKeys) {

    /** Copies {@code requiredDigests}; {@code trustedKeys} must not be null. */
    public VerificationPolicy {
        requiredDigests = Collections.unmodifiableSet(requiredDigests.isEmpty()
                ? EnumSet.noneOf(DigestAlgorithm.class) : EnumSet.copyOf(requiredDigests));
        Objects.requireNonNull(trustedKeys, "trustedKeys");
    }

    /** The defaults: sha256 required, signatures required, checked against {@code trustedKeys}. */
    public static VerificationPolicy strict(TrustedKeys trustedKeys) {
        return new VerificationPolicy(EnumSet.of(DigestAlgorithm.SHA256), true, trustedKeys);
    }

    /** sha256 required, signatures checked only when the signing key is trusted. */
    public static VerificationPolicy checksumsOnly() {
        return new VerificationPolicy(EnumSet.of(DigestAlgorithm.SHA256), false, TrustedKeys.none());
    }
}
