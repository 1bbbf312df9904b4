package io.cocoatly.registry.server;

import io.cocoatly.artifact.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Token texts and their hashes. A token is {@code cocoatly_} and 32 random characters from
 * {@code [A-Za-z0-9]} (190 bits), so secret scanners can find a leaked one; the server stores only
 * the SHA-256 of the whole text, and compares hashes in constant time.
 */
public final class Tokens {

    /** Every token's text starts with this. */
    public static final String PREFIX = "cocoatly_";

    /** How many characters of a token are kept to tell it apart: the prefix and four more. */
    public static final int SHOWN = PREFIX.length() + 4;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A new random token text. */
    public static String newText() {
        StringBuilder s = new StringBuilder(PREFIX);
        for (int i = 0; i < 32; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** A new random token id: 12 lowercase hex characters, not secret. */
    public static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The lowercase hex SHA-256 of a token's text. */
    public static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has " + DigestAlgorithm.SHA256, e);
        }
    }

    /** Whether two hashes are equal, in time that does not depend on where they differ. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Checks what a new token is asked for: at least one scope, and well-formed globs.
     *
     * @throws ApiException 400 {@code token-scope} for no scope, {@code token-packages} naming a malformed glob
     */
    public static void requireValid(Set<Scope> scopes, List<String> globs) {
        if (scopes.isEmpty()) {
            throw new ApiException(ApiException.Status.BAD_REQUEST, "token-scope", "a token needs at least one scope");
        }
        for (String glob : globs) {
            if (!Globs.valid(glob)) {
                throw new ApiException(ApiException.Status.BAD_REQUEST, "token-packages", "invalid package glob `" + glob
                        + "`: use package-name characters and `*`");
            }
        }
    }
}
