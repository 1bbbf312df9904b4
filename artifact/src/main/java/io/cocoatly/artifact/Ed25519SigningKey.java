package io.cocoatly.artifact;

import java.nio.file.Path;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 private key that signs artifacts; read from a private key file. */
public final class Ed25519SigningKey {

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKey publicKey;

    Ed25519SigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = new Ed25519PublicKey(privateKey.generatePublicKey().getEncoded());
    }

    /**
     * Reads a private key file written by {@link Ed25519Keys#generate(Path)}.
     *
     * @throws KeyException {@code invalid-key-file} if missing or malformed, {@code key-file-permissions}
     *                      if on a POSIX file system the group or others may access it
     */
    public static Ed25519SigningKey read(Path file) {
        return KeyFiles.readPrivate(file);
    }

    /** The matching public key. */
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** The key id of the matching public key. */
    public String keyId() {
        return publicKey.keyId();
    }

    byte[] privateSeed() {
        return privateKey.getEncoded();
    }

    byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "Ed25519SigningKey[" + keyId() + "]";
    }
}
