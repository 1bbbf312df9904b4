package io.cocoatly.registry;

import io.cocoatly.model.Artifact;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a release's {@code artifact} object: where the archive is and how to check it. */
final class ArtifactField {

    /** Digest algorithms a client can verify, with the length of their lowercase hex digest. */
    static final Map<String, Integer> KNOWN_DIGESTS = Map.of("sha256", 64, "blake3", 64, "sha512", 128);

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final int ED25519_SIGNATURE_BYTES = 64;

    private ArtifactField() {
    }

    static Artifact read(JsonCursor at) {
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
        Optional<Artifact.Signature> signature = at.optional("signature").map(ArtifactField::signature);
        return new Artifact(url, size, checksums, signature);
    }

    // Digests under names we do not know are kept (a newer tool may add one) but never trusted on
    // their own: at least one digest must be one this client can verify.
    private static Map<String, String> checksums(JsonCursor at) {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (Map.Entry<String, JsonCursor> e : at.entries()) {
            String digest = e.getValue().string();
            if (!HEX.matcher(digest).matches()) {
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

    private static Artifact.Signature signature(JsonCursor at) {
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
