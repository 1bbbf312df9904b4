package io.cocoatly.lockfile;

import io.cocoatly.model.Artifact;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a package's {@code artifact} object with the same rules the registry applies, so a lockfile
 * never carries a digest or signature the installer could not check.
 */
final class ArtifactReader {

    /** Digest algorithms a client can verify, with the length of their lowercase hex digest. */
    static final Map<String, Integer> KNOWN_DIGESTS = Map.of("sha256", 64, "blake3", 64, "sha512", 128);

    private static final Set<String> KEYS = Set.of("url", "size", "checksums", "signature");
    private static final Set<String> SIGNATURE_KEYS = Set.of("key", "ed25519");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final int ED25519_SIGNATURE_BYTES = 64;

    private ArtifactReader() {
    }

    static Artifact read(JsonCursor at) {
        at.rejectUnknownKeys(KEYS);
        JsonCursor urlAt = at.required("url");
        String url = urlAt.string();
        if (url.isEmpty()) {
            throw urlAt.error("the URL must not be empty");
        }
        JsonCursor sizeAt = at.required("size");
        long size = sizeAt.integer();
        if (size < 0) {
            throw sizeAt.error("size must not be negative: " + size);
        }
        Map<String, String> checksums = checksums(at.required("checksums"));
        Optional<Artifact.Signature> signature = at.optional("signature").map(ArtifactReader::signature);
        return new Artifact(url, size, checksums, signature);
    }

    // Digests under names this client does not know are kept (a newer registry may add one) but at
    // least one must be one it can verify.
    private static Map<String, String> checksums(JsonCursor at) {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String algorithm : at.keys()) {
            JsonCursor digestAt = at.required(algorithm);
            String digest = digestAt.string();
            if (!HEX.matcher(digest).matches()) {
                throw digestAt.error("expected a lowercase hexadecimal digest: `" + digest + "`");
            }
            Integer length = KNOWN_DIGESTS.get(algorithm);
            if (length != null && digest.length() != length) {
                throw digestAt.error("a " + algorithm + " digest has " + length + " hex digits, found " + digest.length());
            }
            checksums.put(algorithm, digest);
        }
        if (checksums.keySet().stream().noneMatch(KNOWN_DIGESTS::containsKey)) {
            throw at.error("no checksum this client can verify", "give at least one of `blake3`, `sha256` and `sha512`");
        }
        return checksums;
    }

    private static Artifact.Signature signature(JsonCursor at) {
        at.rejectUnknownKeys(SIGNATURE_KEYS);
        JsonCursor keyAt = at.required("key");
        String key = keyAt.string();
        if (key.isEmpty()) {
            throw keyAt.error("the key id must not be empty");
        }
        JsonCursor sigAt = at.required("ed25519");
        String signature = sigAt.string();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw sigAt.error("expected a base64 Ed25519 signature: " + e.getMessage());
        }
        if (bytes.length != ED25519_SIGNATURE_BYTES) {
            throw sigAt.error("an Ed25519 signature has " + ED25519_SIGNATURE_BYTES + " bytes, found " + bytes.length);
        }
        return new Artifact.Signature(key, signature);
    }
}
