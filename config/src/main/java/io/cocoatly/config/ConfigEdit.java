package io.cocoatly.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ConfigEditor#set} or {@link ConfigEditor#unset} did to one file.
 *
 * @param file    the file edited
 * @param key     {@code <section>.<key>}
 * @param before  the value the file held, as JSON text on one line (a URL's password shown as
 *                {@code ***}); empty if the file did not set the key
 * @param after   the value it holds now, the same way; empty after an unset
 * @param written whether the file was rewritten: false when it already said so
 */
public record ConfigEdit(Path file, String key, Optional<String> before, Optional<String> after, boolean written) {

    /** Checks the fields and hides a password written into a URL. */
    public ConfigEdit {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        before = before.map(ConfigEntry::hidePassword);
        after = after.map(ConfigEntry::hidePassword);
    }
}
