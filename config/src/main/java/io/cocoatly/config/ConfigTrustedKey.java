package io.cocoatly.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of {@code security.trusted_keys}: an Ed25519 public key written inline (base64 of its
 * 32 bytes), or the path of a public key file (absolute, or relative to the home).
 */
public sealed interface ConfigTrustedKey permits ConfigTrustedKey.Inline, ConfigTrustedKey.KeyFile {

    /** Length in bytes of an Ed25519 public key. */
    int PUBLIC_KEY_BYTES = 32;

    /** An inline public key. */
    record Inline(String base64) implements ConfigTrustedKey {
        public Inline {
            Objects.requireNonNull(base64, "base64");
        }
    }

    /** A public key file, as written by {@code cocoatly keygen}. */
    record KeyFile(Path file) implements ConfigTrustedKey {
        public KeyFile {
            Objects.requireNonNull(file, "file");
        }
    }
}
