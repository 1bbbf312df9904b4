package io.cocoatly.artifact;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * The digest algorithms an artifact may name, by the key used in index and lock files.
 *
 * <p>SHA-256 and SHA-512 come from the JDK's provider (intrinsified, several times faster than
 * BouncyCastle's pure-Java code); BLAKE3 (256-bit output) has no JDK provider and comes from
 * BouncyCastle.
 */
public enum DigestAlgorithm {
    /** SHA-256 (FIPS 180-4); every artifact names it by default, and signatures cover it. */
    SHA256("sha256", 32),
    /** SHA-512 (FIPS 180-4). */
    SHA512("sha512", 64),
    /** BLAKE3 with 256-bit output. */
    BLAKE3("blake3", 32);

    private final String id;
    private final int bytes;

    DigestAlgorithm(String id, int bytes) {
        this.id = id;
        this.bytes = bytes;
    }

    /** Length of a digest in lowercase hex characters. */
    public int hexLength() {
        return bytes * 2;
    }

    /** The key in index and lock files, e.g. {@code sha256}. */
    public String id() {
        return id;
    }

    /** The algorithm named {@code id}, if it is one of ours. */
    public static Optional<DigestAlgorithm> find(String id) {
        for (DigestAlgorithm a : values()) {
            if (a.id.equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * The algorithm named {@code id}.
     *
     * @throws CocoatlyException with code {@code unknown-digest-algorithm} if there is none
     */
    public static DigestAlgorithm of(String id) {
        return find(id).orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "unknown-digest-algorithm",
                "unknown digest algorithm: `" + id + "`",
                List.of("supported digests are sha256, sha512 and blake3")));
    }

    /** A fresh incremental hasher for this algorithm. */
    Hasher newHasher() {
        switch (this) {
            case SHA256:
                return jdk("SHA-256");
            case SHA512:
                return jdk("SHA-512");
            case BLAKE3:
                return blake3();
            default:
                throw new AssertionError(this);
        }
    }

    @Override
    public String toString() {
        return id;
    }

    private static Hasher jdk(String name) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256 and SHA-512 (MessageDigest Javadoc).
            throw new IllegalStateException(name + " missing from the JDK", e);
        }
        return new Hasher() {
            @Override
            public void update(byte[] b, int off, int len) {
                md.update(b, off, len);
            }

            @Override
            public byte[] finish() {
                return md.digest();
            }
        };
    }

    private static Hasher blake3() {
        Blake3Digest d = new Blake3Digest(256);
        return new Hasher() {
            @Override
            public void update(byte[] b, int off, int len) {
                d.update(b, off, len);
            }

            @Override
            public byte[] finish() {
                byte[] out = new byte[d.getDigestSize()];
                d.doFinal(out, 0);
                return out;
            }
        };
    }

    /** An incremental digest computation; one use. */
    interface Hasher {
        void update(byte[] b, int off, int len);

        byte[] finish();
    }
}
