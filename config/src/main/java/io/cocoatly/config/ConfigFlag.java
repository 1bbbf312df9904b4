package io.cocoatly.config;

import java.util.Objects;

/**
 * A setting given on the command line, the highest layer. Its value is text, read as the matching
 * environment variable's would be; a relative path is taken from the working directory.
 *
 * @param flag  as errors name it, e.g. {@code --registry}
 * @param key   the setting, {@code <section>.<key>}, e.g. {@code registry.url}
 * @param value as typed
 */
public record ConfigFlag(String flag, String key, String value) {

    public ConfigFlag {
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(value, "value");
        ConfigKeys.require(key);
    }
}
