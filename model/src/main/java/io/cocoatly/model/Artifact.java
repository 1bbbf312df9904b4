package io.cocoatly.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a release's archive lives and how to check it.
 *
 * @param url       relative to the registry root, or an absolute {@code http(s)} or {@code file} URL
 * @param size      exact size in bytes
 * @param checksums digest algorithm ({@code sha256}, {@code blake3}, {@code sha512}) to lowercase hex
 * @param signature the publisher's signature, if signed
 */
public record Artifact(String url, long size, Map<String, String> checksums, Optional<Signature> signature) {

    public Artifact {
        Objects.requireNonNull(url, "url");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        checksums = java.util.Collections.unmodifiableMap(new TreeMap<>(checksums));
        Objects.requireNonNull(signature, "signature");
    }

    // Written out as in PackageName (no ObjectMethods bootstrap at start-up), with the record's own hash.
    @Override
    public boolean equals(Object o) {
        return o instanceof Artifact a && url.equals(a.url) && size == a.size && checksums.equals(a.checksums)
                && signature.equals(a.signature);
    }

    @Override
    public int hashCode() {
        return ((url.hashCode() * 31 + Long.hashCode(size)) * 31 + checksums.hashCode()) * 31 + signature.hashCode();
    }

    /** An Ed25519 signature and the id of the key that made it. */
    public record Signature(String key, String ed25519) {
        public Signature {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(ed25519, "ed25519");
        }

        // Written out as in PackageName (no ObjectMethods bootstrap at start-up), with the record's own hash.
        @Override
        public boolean equals(Object o) {
            return o instanceof Signature s && key.equals(s.key) && ed25519.equals(s.ed25519);
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + ed25519.hashCode();
        }
    }
}
