package io.cocoatly.artifact;

import io.cocoatly.model.ErrorKind;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * An Ed25519 public key and its id.
 *
 * <p>The key id is {@code ed25519:} followed by the first 16 lowercase hex characters of the SHA-256
 * of the 32 raw key bytes. It only selects which trusted key to verify with: the signature itself is
 * always checked against the full trusted key, so an attacker who finds a key with a colliding id
 * still cannot sign.
 */
public final class Ed25519PublicKey {

    /** Raw Ed25519 public key length in bytes (RFC 8032). */
    static final int LENGTH = Ed25519PublicKeyParameters.KEY_SIZE;

    private final byte[] raw;
    private final String keyId;

    Ed25519PublicKey(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is " + LENGTH + " bytes, got " + raw.length);
        }
        this.raw = raw.clone();
        this.keyId = "ed25519:" + sha256Hex(this.raw).substring(0, 16);
    }

    /**
     * Parses the inline form: standard base64 of the 32 raw key bytes (what {@link #base64()} returns
     * and the {@code public_key} field of a {@code .pub} file holds).
     *
     * @throws KeyException with code {@code invalid-public-key} if it is not that
     */
    public static Ed25519PublicKey parse(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(base64, "not base64");
        }
        if (raw.length != LENGTH) {
            throw invalid(base64, "decodes to " + raw.length + " bytes, an Ed25519 public key is " + LENGTH);
        }
        return new Ed25519PublicKey(raw);
    }

    /**
     * Reads a public key file written by {@link Ed25519Keys#generate(Path)}.
     *
     * @throws KeyException with code {@code invalid-key-file} if the file is missing or malformed
     */
    public static Ed25519PublicKey read(Path file) {
        return KeyFiles.readPublic(file);
    }

    /** The key id, e.g. {@code ed25519:3f2a9c01d4e5b6a7}. */
    public String keyId() {
        return keyId;
    }

    /** Standard base64 of the raw key; the inline form accepted by {@link #parse(String)}. */
    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    byte[] raw() {
        return raw.clone();
    }

    Ed25519PublicKeyParameters parameters() {
        return new Ed25519PublicKeyParameters(raw, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey && Arrays.equals(raw, ((Ed25519PublicKey) o).raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return keyId;
    }

    private static KeyException invalid(String text, String problem) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return new KeyException(ErrorKind.INVALID_INPUT, "invalid-public-key", "invalid Ed25519 public key `" + shown + "`: " + problem,
                List.of("a public key is the base64 of its 32 raw bytes, as in the `public_key` field of a .pub file"));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
