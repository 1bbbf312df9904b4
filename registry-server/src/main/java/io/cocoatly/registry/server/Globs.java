package io.cocoatly.registry.server;

import java.util.regex.Pattern;

/** Package-name globs of tokens: {@code *} matches any run of characters, everything else itself. */
public final class Globs {

    private static final Pattern VALID = Pattern.compile("[a-z0-9._*-]{1,64}");

    private Globs() {
    }

    /** Whether {@code glob} is well formed: name characters and {@code *}. */
    public static boolean valid(String glob) {
        return VALID.matcher(glob).matches();
    }

    /** Whether {@code name} matches {@code glob}. */
    public static boolean matches(String glob, String name) {
        String[] parts = glob.split("\\*", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            regex.append(".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.matches(regex.toString(), name);
    }
}
