package io.cocoatly.artifact;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs and verifies artifacts. A signature covers the package name, the version and the artifact's
 * SHA-256 together, in one canonical message, so a valid signature of one package or version can
 * never be replayed for another:
 *
 * <pre>
 * cocoatly-signature-v1\n
 * NAME\n
 * VERSION\n
 * sha256:HEX\n
 * </pre>
 *
 * <p>Neither a name nor a version can contain a newline, so the fields cannot be shifted. The
 * signature is pure Ed25519 (RFC 8032) over the UTF-8 bytes of that message, stored as standard
 * base64 of its 64 bytes.
 */
public final class Signatures {

    /** The first line of every signed message; a new format gets a new version. */
    public static final String DOMAIN = "cocoatly-signature-v1";

    private Signatures() {
    }

    /**
     * The exact bytes that are signed for {@code id} with artifact digest {@code sha256}.
     *
     * @throws io.cocoatly.model.CocoatlyException {@code invalid-checksum} if {@code sha256} is not 64 lowercase hex
     */
    public static byte[] message(PackageId id, String sha256) {
        // Validates the digest's spelling, so one digest has exactly one message.
        new Checksums(Map.of(DigestAlgorithm.SHA256, sha256));
        String text = DOMAIN + "\n" + id.name() + "\n" + id.version() + "\n" + "sha256:" + sha256 + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Signs {@code id} whose artifact has SHA-256 {@code sha256}. */
    public static Artifact.Signature sign(Ed25519SigningKey key, PackageId id, String sha256) {
        byte[] sig = key.sign(message(id, sha256));
        return new Artifact.Signature(key.keyId(), Base64.getEncoder().encodeToString(sig));
    }

    /**
     * Checks {@code signature} of {@code id} with artifact digest {@code sha256} against the trusted keys.
     *
     * @throws VerificationException {@code unknown-signing-key} if no trusted key has the signature's
     *                               key id, {@code bad-signature} if it does not verify
     */
    public static void verify(PackageId id, String sha256, Artifact.Signature signature, TrustedKeys trusted) {
        Ed25519PublicKey key = trusted.find(signature.key()).orElseThrow(() -> new VerificationException(
                "unknown-signing-key", id, "signed by unknown key: `" + signature.key() + "`",
                List.of("add the publisher's public key to `security.trusted_keys` if you trust it",
                        "trusted keys: " + (trusted.keyIds().isEmpty() ? "none" : String.join(", ", trusted.keyIds())))));
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature.ed25519());
        } catch (IllegalArgumentException e) {
            throw bad(id, key, "the signature is not base64");
        }
        if (sig.length != 64) {
            throw bad(id, key, "the signature is " + sig.length + " bytes, an Ed25519 signature is 64");
        }
        byte[] message = message(id, sha256);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key.parameters());
        verifier.update(message, 0, message.length);
        if (!verifier.verifySignature(sig)) {
            throw bad(id, key, "the signature does not match name, version and sha256");
        }
    }

    private static VerificationException bad(PackageId id, Ed25519PublicKey key, String why) {
        return new VerificationException("bad-signature", id, "bad signature by key `" + key.keyId() + "`: " + why,
                List.of("the artifact or its metadata was changed after signing; do not install it",
                        "ask the publisher to re-publish if the registry is yours"));
    }
}
