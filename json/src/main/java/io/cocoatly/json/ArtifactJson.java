package io.cocoatly.json;

import io.cocoatly.model.Artifact;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes an {@code artifact} object (where the archive is and how to check it) with the same rules in
 * the registry index and the lockfile, so neither carries a digest or signature the installer could
 * not check.
 */
public final class ArtifactJson {

    /** Digest algorithms a client can verify, with the length of their lowercase hex digest. */
    public static final Map<String, Integer> KNOWN_DIGESTS = Map.of("sha256", 64, "blake3", 64, "sha512", 128);

    private static final Set<String> KEYS = Set.of("url", "size", "checksums", "signature");
    private static final Set<String> SIGNATURE_KEYS = Set.of("key", "ed25519");
    private static final int ED25519_SIGNATURE_BYTES = 64;

    private ArtifactJson() {
    }

    /** Reads the artifact at {@code at}, ignoring keys it does not know (a newer registry may add some). */
    public static Artifact read(JsonCursor at) {
        return read(at, false);
    }

    /** Reads the artifact at {@code at}, failing on keys it does not know: for machine-written files. */
    public static Artifact readStrictly(JsonCursor at) {
        return read(at, true);
    }

    /** Writes {@code artifact} into {@code node} in the form {@link #read} reads. */
    public static void write(JsonObject node, Artifact artifact) {
        node.put("url", artifact.url());
        node.put("size", artifact.size());
        JsonObject checksums = node.putObject("checksums");
        // Artifact keeps checksums in a sorted map: blake3, sha256, sha512.
        for (Map.Entry<String, String> e : artifact.checksums().entrySet()) {
            checksums.put(e.getKey(), e.getValue());
        }
        artifact.signature().ifPresent(s -> node.putObject("signature").put("key", s.key()).put("ed25519", s.ed25519()));
    }

    private static Artifact read(JsonCursor at, boolean strict) {
        if (strict) {
            at.rejectUnknownKeysListingAll(KEYS);
        }
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
        Optional<Artifact.Signature> signature = at.optional("signature").map(s -> signature(s, strict));
        return new Artifact(url, size, checksums, signature);
    }

    // Digests under names this client does not know are kept (a newer tool may add one) but never
    // trusted on their own: at least one digest must be one this client can verify.
    private static Map<String, String> checksums(JsonCursor at) {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (Map.Entry<String, JsonCursor> e : at.entries()) {
            String digest = e.getValue().string();
            if (!isLowercaseHex(digest)) {
                throw e.getValue().error("expected a lowercase hexadecimal digest: `" + digest + "`");
            }
            Integer length = KNOWN_DIGESTS.get(e.getKey());
            if (length != null && digest.length() != length) {
                throw e.getValue().error("a " + e.getKey() + " digest has " + length + " hex digits, found "
                        + digest.length());
            }
            checksums.put(e.getKey(), digest);
        }
        if (checksums.keySet().stream().noneMatch(KNOWN_DIGESTS::containsKey)) {
            throw at.error("no checksum this client can verify", "give at least one of "
                    + Typos.list(KNOWN_DIGESTS.keySet()));
        }
        return checksums;
    }

    private static Artifact.Signature signature(JsonCursor at, boolean strict) {
        if (strict) {
            at.rejectUnknownKeysListingAll(SIGNATURE_KEYS);
        }
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

    // [0-9a-f]+ written out: every release of an index has a digest, and a matcher per digest was a
    // visible part of reading one on a short command's cold path.
    private static boolean isLowercaseHex(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
