package io.cocoatly.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One setting's effective value, as {@code cocoatly config list} and {@code get} show it.
 *
 * @param key    {@code <section>.<key>}, e.g. {@code network.timeout_seconds}
 * @param json   the value as JSON text on one line, as the layer that set it wrote it ({@code 30},
 *               {@code "https://registry.example/"}, {@code ["sha256"]}), or the built-in default;
 *               {@code null} for "none". A password in a URL is shown as {@code ***}
 * @param origin where it came from; {@link ConfigOrigin.Default} when no layer sets it
 */
public record ConfigEntry(String key, String json, ConfigOrigin origin) {

    // user:password@ in a URL (a proxy, a registry): the password is a secret, the user is not.
    private static final Pattern PASSWORD = Pattern.compile("(://[^/@:\"]*):[^/@\"]*@");

    /** Checks the fields and hides a password written into a URL. */
    public ConfigEntry {
        Objects.requireNonNull(key, "key");
        json = hidePassword(Objects.requireNonNull(json, "json"));
        Objects.requireNonNull(origin, "origin");
    }

    /** {@code text} with the password of any URL in it replaced by {@code ***}. */
    static String hidePassword(String text) {
        return PASSWORD.matcher(text).replaceAll("$1:***@");
    }
}
