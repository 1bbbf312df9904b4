package io.cocoatly.artifact;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Creates Ed25519 key pairs for signing artifacts ({@code cocoatly keygen}). */
public final class Ed25519Keys {

    /** File name of the private key inside the key directory. */
    public static final String PRIVATE_KEY_FILE = "cocoatly.key";
    /** File name of the public key inside the key directory. */
    public static final String PUBLIC_KEY_FILE = "cocoatly.pub";

    private Ed25519Keys() {
    }

    /**
     * Generates a key pair into {@code dir} (created if missing): {@value #PRIVATE_KEY_FILE}, created
     * with owner-only permissions (0600) from the start on POSIX file systems, and
     * {@value #PUBLIC_KEY_FILE}. The formats are described in {@code docs/security.md}.
     *
     * @throws KeyException with code {@code key-exists} if either file already exists; nothing is
     *                      overwritten
     */
    public static GeneratedKey generate(Path dir) {
        return generate(dir, new SecureRandom());
    }

    static GeneratedKey generate(Path dir, SecureRandom random) {
        Ed25519SigningKey key = new Ed25519SigningKey(new Ed25519PrivateKeyParameters(random));
        return KeyFiles.write(dir, key);
    }

    /**
     * The files written by {@link #generate(Path)}.
     *
     * @param keyId          the id of the new key, e.g. {@code ed25519:3f2a9c01d4e5b6a7}
     * @param privateKeyFile the private key, owner-only
     * @param publicKeyFile  the public key, to publish and to list under {@code security.trusted_keys}
     */
    public record GeneratedKey(String keyId, Path privateKeyFile, Path publicKeyFile) {
        /** All three are required. */
        public GeneratedKey {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(privateKeyFile, "privateKeyFile");
            Objects.requireNonNull(publicKeyFile, "publicKeyFile");
        }
    }
}
